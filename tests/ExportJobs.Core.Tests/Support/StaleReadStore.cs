using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A real LiteDB store with a seam in job reads: once <see cref="HoldNextJobRead"/> is called, the next
/// <see cref="GetJobAsync"/> reads the job, signals <see cref="Read"/> and returns that (soon stale) copy only when the
/// test completes <see cref="Release"/>; everything else goes straight to the inner store, including its
/// compare-and-swap writes.
/// </summary>
internal sealed class StaleReadStore(ExportJobStore inner) : ExportJobStore
{
    private int _armed;

    public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextJobRead() => Volatile.Write(ref _armed, 1);

    public override async Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await inner.GetJobAsync(jobId, cancellationToken);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Read.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        return job;
    }

    public override Task<ExportJobWriteOutcome> TryUpdateJobAsync(ExportJob job, long expectedVersion, CancellationToken cancellationToken = default) => inner.TryUpdateJobAsync(job, expectedVersion, cancellationToken);

    public override Task<ExportJobWriteOutcome> TryDeleteJobAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default) => inner.TryDeleteJobAsync(jobId, expectedVersion, cancellationToken);

    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default) => inner.ListJobsAsync(cancellationToken);

    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default) => inner.CreateJobAsync(job, cancellationToken);

    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default) => inner.UpdateJobAsync(job, cancellationToken);

    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteJobAsync(jobId, cancellationToken);

    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default) => inner.CreateRunAsync(run, cancellationToken);

    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default) => inner.UpdateRunAsync(run, cancellationToken);

    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default) => inner.ListRunsAsync(jobId, limit, cancellationToken);

    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default) => inner.GetLatestRunAsync(jobId, status, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default) => inner.ListRunsByStatusAsync(status, cancellationToken);

    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default) => inner.TryClaimOccurrenceAsync(jobId, occurrence, owner, cancellationToken);

    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetLastClaimedOccurrenceAsync(jobId, cancellationToken);
}
