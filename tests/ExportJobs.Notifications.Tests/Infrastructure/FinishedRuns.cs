using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Notifications.Tests.Infrastructure;

/// <summary>A run observer that counts finished runs, for tests to wait on (observers hear of a run once its final state is stored).</summary>
public sealed class FinishedRuns : IExportRunObserver
{
    private readonly Lock _lock = new();
    private readonly List<ExportRun> _runs = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _runs.Add(run);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes once <paramref name="count"/> runs finished; fails after 20 s.</summary>
    public async Task WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_runs.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited 20 s for {count} finished run(s); {_runs.Count} finished.");
            }
        }
    }
}
