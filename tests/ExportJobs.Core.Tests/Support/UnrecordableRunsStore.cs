using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A real LiteDB store whose run inserts fail, after <see cref="InsertStarted"/> is set and <see cref="ReleaseInsert"/>
/// is completed by the test, as a store that loses its disk between reading the job and recording the run would.
/// </summary>
internal sealed class UnrecordableRunsStore(ExportJobStore inner) : ExportJobStore
{
    public TaskCompletionSource InsertStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ReleaseInsert { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        InsertStarted.TrySetResult();
        await ReleaseInsert.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        throw new IOException("No space left on device (the run could not be written).");
    }

    public override Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetJobAsync(jobId, cancellationToken);

    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default) => inner.ListJobsAsync(cancellationToken);

    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default) => inner.CreateJobAsync(job, cancellationToken);

    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default) => inner.UpdateJobAsync(job, cancellationToken);

    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteJobAsync(jobId, cancellationToken);

    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default) => inner.UpdateRunAsync(run, cancellationToken);

    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default) => inner.ListRunsAsync(jobId, limit, cancellationToken);

    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default) => inner.GetLatestRunAsync(jobId, status, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default) => inner.ListRunsByStatusAsync(status, cancellationToken);

    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default) => inner.TryClaimOccurrenceAsync(jobId, occurrence, owner, cancellationToken);

    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetLastClaimedOccurrenceAsync(jobId, cancellationToken);
}
