using ExportJobs.Extensibility;
using Npgsql;
using NpgsqlTypes;

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
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = occurrences.Select(o => o.JobId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = occurrences.Select(o => o.Occurrence.UtcDateTime).ToArray() });
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        var inserted = new HashSet<(string JobId, long Micros)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add((reader.GetString(0), Micros(reader.GetFieldValue<DateTime>(1).Ticks)));
            }
        }

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
    /// <remarks>One query over the job ids; each job's maximum comes from the claims' primary key.</remarks>
    public override async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastClaimedOccurrencesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var result = new Dictionary<string, DateTimeOffset>(jobIds.Count, StringComparer.Ordinal);
        if (jobIds.Count == 0)
        {
            return result;
        }

        await using var command = await CommandAsync(_sql.LastClaims, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = jobIds.ToArray() });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    result[reader.GetString(0)] = new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero);
                }
            }
        }

        return result;
    }

    private static long Micros(long ticks) => ticks / TimeSpan.TicksPerMicrosecond;
}
