using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>
/// The no-op work for ExportJobs, shaped like the library's dispatcher: opens the run, starts the work beside the store's
/// write of the run (status running), and returns once the run is recorded; the work records its start, waits for that
/// write and closes the run (success, no records). It exports nothing.
/// </summary>
internal sealed class RecordingDispatcher(ExportJobStore store, LatenessRecorder recorder) : IExportRunDispatcher
{
    /// <summary>When each run's record was committed to the store (reported beside the start of the work).</summary>
    public static LatenessRecorder Recorded { get; } = new();

    /// <summary>When the scheduler handed each run to the dispatcher (on its loop, before the work is queued).</summary>
    public static LatenessRecorder Dispatched { get; } = new();

    public async Task<ExportRunHandle?> TryStartAsync(ExportJob job, ExportRunRequest request, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        var scheduled = request.ScheduledAt ?? now;
        Dispatched.Record(scheduled, now);
        var run = request.Open(job, now);
        var recorded = store.CreateRunAsync(run, cancellationToken);
        var completion = Task.Run(async () =>
        {
            recorder.Record(scheduled, TimeProvider.System.GetUtcNow());
            await recorded;
            var done = run with { Status = ExportRunStatus.Success, CompletedAt = TimeProvider.System.GetUtcNow(), RecordCount = 0 };
            await store.UpdateRunAsync(done, CancellationToken.None);
            return done;
        }, CancellationToken.None);
        await recorded;
        Recorded.Record(scheduled, TimeProvider.System.GetUtcNow());
        return new ExportRunHandle(run, completion);
    }

    public bool IsRunning(string jobId) => false;

    public bool Cancel(string jobId, string reason) => false;
}
