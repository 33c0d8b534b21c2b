using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>Paging through run history and the job list, and keeping history and claims bounded (retention).</summary>
/// <remarks>
/// <para>
/// The background pruner (see <c>ExportJobs:Retention</c>) calls <see cref="TryLockPruningAsync"/> once per pass, then
/// <see cref="PruneRunsAsync"/> per job and <see cref="PruneClaimsAsync"/>, each call one short transaction, until a call
/// deletes fewer rows than it was allowed to. A provider that does not override them keeps everything, as stores did
/// before retention existed; the conformance suite (<c>ExportJobStoreConformanceTests.Retention</c>) states what a
/// provider that prunes must keep.
/// </para>
/// </remarks>
public abstract partial class ExportJobStore
{
    /// <summary>
    /// Returns one page of a job's runs, most recent first (by <see cref="ExportRun.StartedAt"/>, then id, both descending):
    /// at most <see cref="ExportRunQuery.Limit"/> runs older than <see cref="ExportRunQuery.Before"/>, with
    /// <see cref="ExportRunQuery.Status"/> when set.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="query">The page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// A page after a position never contains a run newer than that position, so runs recorded while a client pages back
    /// never shift the pages it has yet to read. The default reads all of the job's runs and filters them; providers
    /// should read the page from an index range instead.
    /// </remarks>
    public virtual async Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, ExportRunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var all = await ListRunsAsync(jobId, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return all
            .Where(r => query.Status is not { } status || r.Status == status)
            .Where(r => query.Before is not { } before || IsBefore(r, before))
            .Take(query.Limit)
            .ToList();
    }

    /// <summary>
    /// Returns one page of the job list in id order (ordinal): at most <see cref="ExportJobQuery.Limit"/> jobs whose id
    /// comes strictly after <see cref="ExportJobQuery.After"/>.
    /// </summary>
    /// <param name="query">The page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// <see cref="ExportJobQuery.After"/> need not be the id of a stored job: it is a position, so the page after a job
    /// that was deleted meanwhile starts where that job was. The default reads every job and sorts them; providers should
    /// read the page from their id index instead.
    /// </remarks>
    public virtual async Task<IReadOnlyList<ExportJob>> ListJobsAsync(ExportJobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var all = await ListJobsAsync(cancellationToken).ConfigureAwait(false);
        return all
            .Where(j => query.After is not { } after || string.CompareOrdinal(j.Id, after) > 0)
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();
    }

    /// <summary>
    /// Deletes, in one transaction, at most <paramref name="maxCount"/> of the job's runs that <paramref name="pruning"/>
    /// no longer keeps, oldest first, and returns how many it deleted.
    /// </summary>
    /// <param name="jobId">The job id; an unknown job deletes nothing.</param>
    /// <param name="pruning">Which runs may go.</param>
    /// <param name="maxCount">The most runs to delete; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of runs deleted; less than <paramref name="maxCount"/> when no more runs of the job are due.</returns>
    /// <remarks>
    /// Never deletes a <c>running</c> run, the job's newest <c>success</c> run or its newest <c>failed</c> run (newest by
    /// start instant, then id), even when they are beyond the limits; runs kept that way do not count towards the
    /// deletions. The default deletes nothing.
    /// </remarks>
    public virtual Task<int> PruneRunsAsync(string jobId, ExportRunPruning pruning, int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    /// <summary>
    /// Deletes, in one transaction, at most <paramref name="maxCount"/> occurrence claims whose occurrence is before
    /// <paramref name="occurredBefore"/>, except each job's latest claim, and returns how many it deleted.
    /// </summary>
    /// <param name="occurredBefore">Claims of occurrences before this instant may go.</param>
    /// <param name="maxCount">The most claims to delete; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of claims deleted; less than <paramref name="maxCount"/> when no more are due.</returns>
    /// <remarks>
    /// The scheduler claims an occurrence only while it is at most the misfire grace window old, so the pruner passes an
    /// instant well before that; each job's latest claim stays because <see cref="GetLastClaimedOccurrenceAsync"/> finds
    /// the occurrences missed while no host ran. A claim that is kept must go on refusing a second claim. The default
    /// deletes nothing.
    /// </remarks>
    public virtual Task<int> PruneClaimsAsync(DateTimeOffset occurredBefore, int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    /// <summary>
    /// Takes the store's pruning lock for one pass, so that one host prunes at a time; <see langword="null"/> when another
    /// host holds it. Disposing the result releases it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default (a store with one host) always succeeds; a store shared by several hosts overrides it.</remarks>
    public virtual Task<IAsyncDisposable?> TryLockPruningAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IAsyncDisposable?>(NoLock.Instance);

    /// <summary>Whether <paramref name="run"/> comes strictly before (is older than) <paramref name="position"/> in a job's run history.</summary>
    /// <param name="run">The run.</param>
    /// <param name="position">The position.</param>
    protected static bool IsBefore(ExportRun run, ExportRunPosition position)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(position);
        var byTime = run.StartedAt.UtcTicks.CompareTo(position.StartedAt.UtcTicks);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(run.Id, position.RunId) < 0);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
