using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Running.Events;

/// <summary>
/// Hands run events to every registered <see cref="IExportRunObserver"/>, each through a bounded queue of its own and one
/// call at a time, with <see cref="ExportJobsOptions.RunObserverTimeout"/> per call: an observer that throws, hangs or
/// falls behind is logged and never holds up a run, the event pump (auto-pause) or the other observers.
/// </summary>
internal sealed partial class ExportRunObserverDispatcher : IExportRunEventListener, IDisposable
{
    /// <summary>How many notifications wait for one observer before further ones are dropped (and logged).</summary>
    internal const int QueueCapacity = 1024;

    private readonly ExportRunObserverQueue[] _queues;

    public ExportRunObserverDispatcher(
        IEnumerable<IExportRunObserver> observers,
        IOptionsMonitor<ExportJobsOptions> options,
        TimeProvider time,
        ILogger<ExportRunObserverDispatcher> logger)
    {
        _queues = observers.Select(o => new ExportRunObserverQueue(o, QueueCapacity, () => options.CurrentValue.RunObserverTimeout, time, logger)).ToArray();
    }

    public ValueTask OnEventAsync(ExportRunEvent runEvent, CancellationToken cancellationToken)
    {
        // The auto-pause decision is not news for observers; they hear of the pause once it is stored.
        if (runEvent is not JobAutoPauseEvent)
        {
            foreach (var queue in _queues)
            {
                queue.Post(runEvent);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when every queue has handed over (or timed out on) everything posted so far; for tests.</summary>
    internal Task WaitUntilDeliveredAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_queues.Select(q => q.WaitUntilDeliveredAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            queue.Dispose();
        }
    }
}
