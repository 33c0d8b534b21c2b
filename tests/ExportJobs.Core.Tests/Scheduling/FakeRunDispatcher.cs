using System.Collections.Concurrent;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>
/// A hand-written dispatcher: opens real runs in the store, records what the scheduler asked for, and either ends each
/// run at once (with <see cref="Outcome"/>) or, with <see cref="HoldRuns"/>, keeps it running until <see cref="Complete"/>.
/// </summary>
internal sealed class FakeRunDispatcher(ExportJobStore store, TimeProvider time) : IExportRunDispatcher
{
    private readonly ConcurrentDictionary<string, (ExportRun Run, TaskCompletionSource<ExportRun> Done)> _running = new(StringComparer.Ordinal);

    public ConcurrentQueue<ExportRun> Started { get; } = new();

    /// <summary>Decides how a run ends: <see langword="null"/> for success, else the error.</summary>
    public Func<ExportRun, string?> Outcome { get; set; } = _ => null;

    public bool HoldRuns { get; set; }

    public IReadOnlyList<ExportRun> StartedFor(string jobId) => Started.Where(r => r.JobId == jobId).ToList();

    public async Task<ExportRunHandle?> TryStartAsync(ExportJob job, ExportRunRequest request, CancellationToken cancellationToken = default)
    {
        if (_running.ContainsKey(job.Id))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var run = new ExportRun
        {
            Id = ExportIds.New(now),
            JobId = job.Id,
            StartedAt = now,
            ScheduledAt = request.ScheduledAt,
            Trigger = request.Trigger,
            Attempt = request.Attempt,
        };
        await store.CreateRunAsync(run, cancellationToken);
        Started.Enqueue(run);
        if (!HoldRuns)
        {
            return new ExportRunHandle(run, Task.FromResult(await FinishAsync(run, Outcome(run))));
        }

        var done = new TaskCompletionSource<ExportRun>();
        _running[job.Id] = (run, done);
        return new ExportRunHandle(run, done.Task);
    }

    public bool IsRunning(string jobId) => _running.ContainsKey(jobId);

    public bool Cancel(string jobId, string reason) => Complete(jobId, reason);

    /// <summary>Ends the job's running run (success when <paramref name="error"/> is null).</summary>
    public bool Complete(string jobId, string? error = null)
    {
        if (!_running.TryRemove(jobId, out var running))
        {
            return false;
        }

        running.Done.SetResult(FinishAsync(running.Run, error).GetAwaiter().GetResult());
        return true;
    }

    private async Task<ExportRun> FinishAsync(ExportRun run, string? error)
    {
        var final = run with
        {
            Status = error is null ? ExportRunStatus.Success : ExportRunStatus.Failed,
            CompletedAt = time.GetUtcNow(),
            Error = error,
        };
        await store.UpdateRunAsync(final);
        return final;
    }
}
