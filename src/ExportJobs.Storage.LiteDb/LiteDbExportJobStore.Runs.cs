using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    private const string SortKey = "sortKey";
    private const string StatusKey = "statusKey";

    /// <inheritdoc/>
    /// <remarks>Concurrent calls share one transaction (see <see cref="LiteDbRunWriter"/>); each returns once its run is committed.</remarks>
    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        return _runWriter.InsertAsync(LiteDbMapper.FromRun(run), cancellationToken);
    }

    internal static InvalidOperationException DuplicateRun(string runId, Exception? inner) =>
        new($"A run with id '{runId}' exists already.", inner);

    /// <inheritdoc/>
    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_runs.Update(LiteDbMapper.FromRun(run)));
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
    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var query = status is null
            ? NewestRuns(jobId, 1)
            : Range(StatusKey, LiteDbKeys.StatusJobLow(LiteDbMapper.StatusName(status.Value), jobId), LiteDbKeys.StatusJobHigh(LiteDbMapper.StatusName(status.Value), jobId), 1);
        var doc = query.FirstOrDefault();
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToRun(doc));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = LiteDbMapper.StatusName(status);
        var runs = _runs.Find(Query.Between(StatusKey, LiteDbKeys.StatusLow(name), LiteDbKeys.StatusHigh(name))).Select(LiteDbMapper.ToRun).ToList();
        return Task.FromResult<IReadOnlyList<ExportRun>>(runs);
    }

    /// <summary>The query behind <see cref="ListRunsAsync"/>; exposed to tests and benchmarks to check its plan.</summary>
    internal ILiteQueryableResult<BsonDocument> NewestRuns(string jobId, int limit) =>
        Range(SortKey, LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId), limit);

    private ILiteQueryableResult<BsonDocument> Range(string index, string low, string high, int limit) =>
        _runs.Query()
            .Where(Query.Between(index, low, high))
            .OrderByDescending(index)
            .Limit(limit);
}
