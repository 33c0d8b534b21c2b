using ExportJobs.Extensibility;
using ExportJobs.Model;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>One statement: <c>UPDATE … WHERE id = $1 AND owner = $15 AND epoch = $16 AND status = 'running'</c>.</remarks>
    public override async Task<bool> CompleteRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = await CommandAsync(_sql.CompleteRun, cancellationToken).ConfigureAwait(false);
        PostgreSqlMapper.BindRun(command.Parameters, run);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One statement for every run of the host: the heartbeat, the progress columns and the answer (held or not, cancel
    /// asked for) in one <c>UPDATE … FROM unnest(…) … RETURNING</c>; a run it does not return is no longer held.
    /// </remarks>
    public override async Task<IReadOnlyList<ExportRunLeaseState>> HeartbeatRunsAsync(IReadOnlyList<ExportRunHeartbeat> heartbeats, string owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        ArgumentNullException.ThrowIfNull(owner);
        if (heartbeats.Count == 0)
        {
            return [];
        }

        await using var command = await CommandAsync(_sql.HeartbeatRuns, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        command.Parameters.Add(PostgreSqlMapper.Instant(now));
        command.Parameters.Add(PostgreSqlMapper.TextArray(heartbeats.Select(h => h.RunId)));
        command.Parameters.Add(PostgreSqlMapper.BigintArray(heartbeats.Select(h => h.Epoch)));
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            Value = heartbeats.Select(h => h.Progress is { } p ? PostgreSqlMapper.StageName(p.Stage) : null).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint, Value = heartbeats.Select(h => h.Progress?.RecordsWritten).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint, Value = heartbeats.Select(h => h.Progress?.BytesWritten).ToArray() });
        var held = await ReadAllAsync(command, r => new ExportRunLeaseState(r.GetString(0), Held: true, r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken).ConfigureAwait(false);
        var byId = held.ToDictionary(s => s.RunId, StringComparer.Ordinal);
        return heartbeats.Select(h => byId.GetValueOrDefault(h.RunId) ?? new ExportRunLeaseState(h.RunId, Held: false, CancelRequested: false, CancelledBy: null)).ToArray();
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UPDATE … WHERE status = 'running' RETURNING …</c>; a finished or unknown run is then read as it is.</remarks>
    public override async Task<ExportRun?> RequestRunCancelAsync(string runId, string? requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using (var command = await CommandAsync(_sql.RequestRunCancel, cancellationToken).ConfigureAwait(false))
        {
            command.Parameters.Add(PostgreSqlMapper.Text(runId));
            command.Parameters.Add(PostgreSqlMapper.Text(requestedBy));
            if (await ReadSingleAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false) is { } cancelled)
            {
                return cancelled;
            }
        }

        return await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
    }
}
