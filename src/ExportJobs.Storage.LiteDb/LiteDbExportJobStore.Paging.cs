using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// The sort-key index read backwards from the cursor's key (<c>job|startedAtTicks|runId</c> sorts exactly as the
    /// history does), stopping after <c>limit</c> runs; a status filter reads on until it has found that many.
    /// </remarks>
    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, ExportRunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var runs = RunPage(jobId, query).ToEnumerable().Select(LiteDbMapper.ToRun).ToList();
        return Task.FromResult<IReadOnlyList<ExportRun>>(runs);
    }

    /// <summary>The query behind <see cref="ListRunsAsync(string, ExportRunQuery, CancellationToken)"/>; exposed to tests to check its plan.</summary>
    internal ILiteQueryableResult<BsonDocument> RunPage(string jobId, ExportRunQuery query)
    {
        var runs = query.Before is { } before ? RunsBefore(jobId, LiteDbKeys.RunSortKey(jobId, before.StartedAt, before.RunId)) : RunsOf(jobId);
        if (query.Status is { } status)
        {
            runs = runs.Where(LiteDbQueries.Equal("status", LiteDbMapper.StatusName(status)));
        }

        return runs.OrderByDescending(SortKey).Limit(query.Limit);
    }

    /// <summary>
    /// A job's runs whose sort key is below <paramref name="key"/>: an index range up to the key (LiteDB reads
    /// <c>Between</c> as one range, whereas <c>&gt;= low AND &lt; key</c> scans from one end) without the key itself.
    /// </summary>
    private ILiteQueryable<BsonDocument> RunsBefore(string jobId, string key) =>
        _runs.Query()
            .Where(LiteDbQueries.Between(SortKey, LiteDbKeys.JobLow(jobId), key))
            .Where(Query.Not(SortKey, key));
}
