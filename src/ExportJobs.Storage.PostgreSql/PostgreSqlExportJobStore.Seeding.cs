using ExportJobs.Model;
using NpgsqlTypes;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <summary>
    /// Streams many runs into the runs table with <c>COPY … FROM STDIN (FORMAT BINARY)</c>, for benchmarks that need
    /// a million runs stored in seconds. Not part of the store contract.
    /// </summary>
    /// <param name="runs">The runs; ids must be new.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The number of runs copied.</returns>
    internal async Task<ulong> CopyRunsAsync(IEnumerable<ExportRun> runs, CancellationToken cancellationToken = default)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var import = await connection.BeginBinaryImportAsync(_sql.CopyRuns, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs)
        {
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(run.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(run.JobId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(PostgreSqlMapper.StatusName(run.Status), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(run.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.CompletedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.RecordCount, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.FileSize, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.DestinationPath, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.Error, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.Checksum, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.FileName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(import, run.ScheduledAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(run.Trigger.ToString(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(run.Attempt, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }

        return await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan PostgreSQL chooses for the newest-runs query, as text (<c>EXPLAIN ANALYZE</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal async Task<string> ExplainListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync("EXPLAIN (ANALYZE, BUFFERS) " + _sql.ListRuns, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = limit });
        var lines = await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        return string.Join(Environment.NewLine, lines);
    }

    private static Task WriteNullableAsync<T>(Npgsql.NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, type, cancellationToken);
}
