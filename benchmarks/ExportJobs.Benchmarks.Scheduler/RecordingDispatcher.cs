using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>The no-op work for ExportJobs: records the start, opens and closes the run in the store (as the real runner does), exports nothing.</summary>
internal sealed class RecordingDispatcher(ExportJobStore store, LatenessRecorder recorder) : IExportRunDispatcher
{
    public async Task<ExportRunHandle?> TryStartAsync(ExportJob job, ExportRunRequest request, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        recorder.Record(request.ScheduledAt ?? now, now);
        var run = new ExportRun
        {
            Id = ExportJobManager.NewId(now),
            JobId = job.Id,
            StartedAt = now,
            ScheduledAt = request.ScheduledAt,
            Trigger = request.Trigger,
            Attempt = request.Attempt,
        };
        await store.CreateRunAsync(run, cancellationToken);
        var done = run with { Status = ExportRunStatus.Success, CompletedAt = TimeProvider.System.GetUtcNow(), RecordCount = 0 };
        await store.UpdateRunAsync(done, cancellationToken);
        return new ExportRunHandle(run, Task.FromResult(done));
    }

    public bool IsRunning(string jobId) => false;

    public bool Cancel(string jobId, string reason) => false;
}
