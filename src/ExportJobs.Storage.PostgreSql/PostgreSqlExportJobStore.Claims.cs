namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    public override async Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await using var command = await CommandAsync(_sql.Claim, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        command.Parameters.Add(PostgreSqlMapper.Instant(occurrence));
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public override async Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await using var command = await CommandAsync(_sql.LastClaim, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }
}
