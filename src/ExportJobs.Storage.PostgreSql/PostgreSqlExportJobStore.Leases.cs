using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>Several hosts share this store, so runs carry their owner and a heartbeat (<c>owner</c>, <c>heartbeat_at</c>).</remarks>
    public override bool SupportsRunLeases => true;

    /// <inheritdoc/>
    public override async Task RenewRunLeasesAsync(IReadOnlyCollection<string> runIds, string owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
        {
            return;
        }

        await using var command = await CommandAsync(_sql.RenewLeases, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.TextArray(runIds));
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        command.Parameters.Add(PostgreSqlMapper.Instant(now));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One <c>UPDATE … WHERE status = 'running' … RETURNING</c>: row locks make concurrent sweeps of several hosts
    /// disjoint (the second re-checks the status after the first committed and skips the row).
    /// </remarks>
    public override async Task<IReadOnlyList<ExportRun>> FailExpiredRunsAsync(DateTimeOffset expiredBefore, DateTimeOffset now, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        await using var command = await CommandAsync(_sql.FailExpiredRuns, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Instant(expiredBefore));
        command.Parameters.Add(PostgreSqlMapper.Instant(now));
        command.Parameters.Add(PostgreSqlMapper.Text(reason));
        return await ReadAllAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }
}
