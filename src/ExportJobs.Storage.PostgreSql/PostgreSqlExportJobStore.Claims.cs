using ExportJobs.Extensibility;

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
    /// <remarks>One <c>INSERT … SELECT unnest(…) ON CONFLICT DO NOTHING RETURNING</c>: one round trip for any number of occurrences.</remarks>
    public override async Task<IReadOnlyList<bool>> TryClaimOccurrencesAsync(IReadOnlyList<ExportOccurrence> occurrences, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        var won = new bool[occurrences.Count];
        if (won.Length == 0)
        {
            return won;
        }

        await using var command = await CommandAsync(_sql.ClaimMany, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.TextArray(occurrences.Select(o => o.JobId)));
        command.Parameters.Add(PostgreSqlMapper.InstantArray(occurrences.Select(o => o.Occurrence)));
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        var inserted = (await ReadAllAsync(command, reader => (reader.GetString(0), Micros(reader.GetFieldValue<DateTime>(1).Ticks)), cancellationToken).ConfigureAwait(false)).ToHashSet();

        // PostgreSQL keeps microseconds; an occurrence listed twice is won by its first listing only.
        for (var i = 0; i < won.Length; i++)
        {
            won[i] = inserted.Remove((occurrences[i].JobId, Micros(occurrences[i].Occurrence.UtcTicks)));
        }

        return won;
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

    /// <inheritdoc/>
    /// <remarks>One query over the (distinct) job ids; each job's maximum comes from the claims' primary key, jobs without a claim are left out.</remarks>
    public override async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastClaimedOccurrencesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count == 0)
        {
            return new Dictionary<string, DateTimeOffset>();
        }

        await using var command = await CommandAsync(_sql.LastClaims, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.TextArray(jobIds));
        var rows = await ReadAllAsync(command, reader => (JobId: reader.GetString(0), Last: new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.JobId, r => r.Last, StringComparer.Ordinal);
    }

    private static long Micros(long ticks) => ticks / TimeSpan.TicksPerMicrosecond;
}
