using ExportJobs.Model;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    public override async Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = await CommandAsync(_sql.InsertRun, cancellationToken).ConfigureAwait(false);
        PostgreSqlMapper.BindRun(command.Parameters, run);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (IsUniqueViolation(ex))
        {
            throw new InvalidOperationException($"A run with id '{run.Id}' exists already.", ex);
        }
    }

    /// <inheritdoc/>
    public override async Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = await CommandAsync(_sql.UpdateRun, cancellationToken).ConfigureAwait(false);
        PostgreSqlMapper.BindRun(command.Parameters, run);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public override async Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var command = await CommandAsync(_sql.GetRun, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(runId));
        return await ReadSingleAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = await CommandAsync(_sql.ListRuns, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (status is null)
        {
            var newest = await ListRunsAsync(jobId, 1, cancellationToken).ConfigureAwait(false);
            return newest.Count > 0 ? newest[0] : null;
        }

        await using var command = await CommandAsync(_sql.LatestRunWithStatus, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        command.Parameters.Add(PostgreSqlMapper.Text(PostgreSqlMapper.StatusName(status.Value)));
        return await ReadSingleAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>One query: a lateral join reads the newest index entry of each job.</remarks>
    public override async Task<IReadOnlyDictionary<string, ExportRun>> GetLatestRunsAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        await using var command = await CommandAsync(_sql.LatestRuns, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.TextArray(jobIds));
        var runs = await ReadAllAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, ExportRun>(runs.Count, StringComparer.Ordinal);
        foreach (var run in runs)
        {
            result[run.JobId] = run;
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>One query, like <see cref="GetLatestRunsAsync"/>, reading the summary's columns of each run (the error's first characters only) instead of all of them.</remarks>
    public override async Task<IReadOnlyDictionary<string, ExportRunSummary>> GetLatestRunSummariesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        await using var command = await CommandAsync(_sql.LatestRunSummaries, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.TextArray(jobIds));
        var result = new Dictionary<string, ExportRunSummary>(jobIds.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = new ExportRunSummary(reader.GetString(1), PostgreSqlMapper.ParseStatus(reader.GetString(2)), reader.GetFieldValue<DateTimeOffset>(3))
            {
                CompletedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                Error = reader.IsDBNull(5) ? null : ExportRunSummary.ShortError(reader.GetString(5)),
            };
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks><c>running</c> runs come from a partial index; the other statuses scan the table (they are not on any hot path).</remarks>
    public override async Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(_sql.RunsByStatus, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(PostgreSqlMapper.StatusName(status)));
        return await ReadAllAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }
}
