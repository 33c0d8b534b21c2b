using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>A store that passes every call to <paramref name="inner"/>: tests derive from it and override only the calls they change.</summary>
internal abstract class DelegatingStore(ExportJobStore inner) : ExportJobStore
{
    protected ExportJobStore Inner => inner;

    public override Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetJobAsync(jobId, cancellationToken);

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
