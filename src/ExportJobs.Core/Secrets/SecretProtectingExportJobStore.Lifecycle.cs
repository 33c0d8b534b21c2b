using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Secrets;

/// <summary>The run lifecycle members: runs hold no secrets, so they pass through.</summary>
internal sealed partial class SecretProtectingExportJobStore
{
    public override Task<bool> CompleteRunAsync(ExportRun run, CancellationToken cancellationToken = default) =>
        inner.CompleteRunAsync(run, cancellationToken);

    public override Task<ExportRunLeaseState> CheckRunLeaseAsync(string runId, string owner, long epoch, CancellationToken cancellationToken = default) =>
        inner.CheckRunLeaseAsync(runId, owner, epoch, cancellationToken);

    public override Task<IReadOnlyList<ExportRunLeaseState>> HeartbeatRunsAsync(IReadOnlyList<ExportRunHeartbeat> heartbeats, string owner, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.HeartbeatRunsAsync(heartbeats, owner, now, cancellationToken);

    public override Task<ExportRun?> RequestRunCancelAsync(string runId, string? requestedBy, CancellationToken cancellationToken = default) =>
        inner.RequestRunCancelAsync(runId, requestedBy, cancellationToken);
}
