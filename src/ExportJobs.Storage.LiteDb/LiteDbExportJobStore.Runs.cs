using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    private const string SortKey = "sortKey";

    /// <inheritdoc/>
    /// <remarks>
    /// Concurrent calls share one transaction (see <see cref="LiteDbRunWriter"/>); each returns once its run is committed.
    /// Cancelling stops the wait, not the write: a run already queued may still be stored.
    /// </remarks>
    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        return _runWriter.InsertAsync(run, cancellationToken);
    }

    internal static InvalidOperationException DuplicateRun(string runId, Exception? inner) =>
        new($"A run with id '{runId}' exists already.", inner);

    /// <inheritdoc/>
    /// <remarks>Shares transactions with concurrent run writes, as <see cref="CreateRunAsync"/> does.</remarks>
    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        return _runWriter.UpdateAsync(run, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The check and the write happen in one transaction of the run writer, shared with concurrent run writes.</remarks>
    public override Task<bool> CompleteRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        return _runWriter.CompleteAsync(run, null, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        cancellationToken.ThrowIfCancellationRequested();
        var doc = _runs.FindById(runId);
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToRun(doc));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var runs = NewestRuns(jobId, limit).ToEnumerable().Select(LiteDbMapper.ToRun).ToList();
        return Task.FromResult<IReadOnlyList<ExportRun>>(runs);
    }

    /// <inheritdoc/>
    /// <remarks>With a status, reads the job's runs newest first and stops at the first with that status.</remarks>
    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var query = RunsOf(jobId);
        if (status is not null)
        {
            query = query.Where(LiteDbQueries.Equal("status", LiteDbMapper.StatusName(status.Value)));
        }

        var doc = query.OrderByDescending(SortKey).Limit(1).FirstOrDefault();
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToRun(doc));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Answers from what this process remembers of each job's last run (<see cref="LiteDbLatestRuns"/>), reading only the
    /// jobs it does not know yet (one index query each, on every core: the first list after start-up, unless the store
    /// was closed cleanly and saved what it knew, see <see cref="LiteDbLatestRunsFile"/>) or whose runs changed since.
    /// </remarks>
    public override Task<IReadOnlyDictionary<string, ExportRun>> GetLatestRunsAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyDictionary<string, ExportRun>>(_latestRuns.Get(jobIds, jobId =>
            RunsOf(jobId).OrderByDescending(SortKey).Limit(1).FirstOrDefault() is { } doc ? LiteDbMapper.ToRun(doc) : null));
    }

    /// <inheritdoc/>
    /// <remarks><c>running</c> runs come from the small <c>running</c> collection; the other statuses scan every run (they are not on any hot path).</remarks>
    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var docs = status == ExportRunStatus.Running
            ? _running.FindAll().Select(entry => _runs.FindById(entry["_id"])).Where(doc => doc is not null && LiteDbMapper.IsRunning(doc))
            : _runs.Find(LiteDbQueries.Equal("status", LiteDbMapper.StatusName(status)));
        return Task.FromResult<IReadOnlyList<ExportRun>>(docs.Select(LiteDbMapper.ToRun).ToList());
    }

    /// <summary>How many last runs <see cref="GetLatestRunsAsync"/> looked up in the file (not known from memory or from the file saved at the last close).</summary>
    internal long LatestRunLookups => _latestRuns.Lookups;

    /// <summary>The query behind <see cref="ListRunsAsync(string, int, CancellationToken)"/>; exposed to tests and benchmarks to check its plan.</summary>
    internal ILiteQueryableResult<BsonDocument> NewestRuns(string jobId, int limit) =>
        RunsOf(jobId).OrderByDescending(SortKey).Limit(limit);

    /// <summary>A job's runs: the range of its keys in the sort-key index.</summary>
    private ILiteQueryable<BsonDocument> RunsOf(string jobId) =>
        _runs.Query().Where(LiteDbQueries.Between(SortKey, LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)));
}
