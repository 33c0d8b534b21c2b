using System.Threading.Channels;

namespace ExportJobs.Running.Events;

/// <summary>
/// The run events of this host, in order: the engine publishes (never waiting), <see cref="ExportRunEventPump"/> hands them
/// to the listeners. It depends on nothing, so whatever records a run can publish without depending on the listeners.
/// </summary>
internal sealed class ExportRunEvents
{
    private readonly Channel<ExportRunEvent> _channel = Channel.CreateUnbounded<ExportRunEvent>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly Lock _lock = new();
    private TaskCompletionSource _handledChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _published;
    private long _handled;

    public ChannelReader<ExportRunEvent> Reader => _channel.Reader;

    /// <summary>Queues an event; returns at once.</summary>
    public void Publish(ExportRunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        Interlocked.Increment(ref _published);
        _channel.Writer.TryWrite(runEvent);
    }

    /// <summary>Called by the pump once every listener had an event.</summary>
    public void MarkHandled()
    {
        Interlocked.Increment(ref _handled);
        lock (_lock)
        {
            var changed = _handledChanged;
            _handledChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    /// <summary>Completes when every event published before the call was handled (for tests that drive time).</summary>
    public async Task WaitUntilHandledAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _published);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (Interlocked.Read(ref _handled) >= target)
                {
                    return;
                }

                changed = _handledChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
