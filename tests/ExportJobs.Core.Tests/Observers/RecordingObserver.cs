using System.Collections.Concurrent;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Observers;

/// <summary>Writes down every notification, in order, and lets a test wait for a number of finished runs.</summary>
internal sealed class RecordingObserver : IExportRunObserver, IDisposable
{
    private readonly SemaphoreSlim _finished = new(0);

    public ConcurrentQueue<(string Kind, string RunId, ExportRun? Run, ExportRunProgress? Progress, bool RetryFollows)> Seen { get; } = new();

    public ValueTask OnRunStartedAsync(ExportRun run, CancellationToken cancellationToken)
    {
        Seen.Enqueue(("started", run.Id, run, null, false));
        return ValueTask.CompletedTask;
    }

    public TaskCompletionSource FirstProgress { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask OnRunProgressAsync(ExportRun run, ExportRunProgress progress, CancellationToken cancellationToken)
    {
        Seen.Enqueue(("progress", run.Id, run, progress, false));
        FirstProgress.TrySetResult();
        return ValueTask.CompletedTask;
    }

    public ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken)
    {
        Seen.Enqueue(("finished", run.Id, run, null, retryFollows));
        _finished.Release();
        return ValueTask.CompletedTask;
    }

    public ValueTask OnJobAutoPausedAsync(string jobId, string reason, CancellationToken cancellationToken)
    {
        Seen.Enqueue(("autoPaused", jobId, null, null, false));
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits (at most 10 s) until <paramref name="count"/> more runs were told finished.</summary>
    public async Task WaitForFinishedAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _finished.WaitAsync(TimeSpan.FromSeconds(10)), $"Finished notification {i + 1} of {count} did not come within 10 s; seen: {string.Join(", ", Seen.Select(s => s.Kind))}.");
        }
    }

    public void Dispose() => _finished.Dispose();

    /// <summary>The kinds of notification each run got, in order.</summary>
    public IReadOnlyDictionary<string, List<string>> ByRun() =>
        Seen.Where(s => s.Kind != "autoPaused").GroupBy(s => s.RunId).ToDictionary(g => g.Key, g => g.Select(s => s.Kind).ToList());
}
