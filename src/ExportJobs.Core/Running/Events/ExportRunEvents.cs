using System.Threading.Channels;
using ExportJobs.Model;

namespace ExportJobs.Running.Events;

/// <summary>
/// The run events of this host, in order: the engine publishes (never waiting), <see cref="ExportRunEventPump"/> hands them
/// to the listeners. It depends on nothing, so whatever records a run can publish without depending on the listeners.
/// </summary>
internal sealed class ExportRunEvents
{
    /// <summary>The shortest time between two progress events of one run in the same stage.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<ExportRunEvent> _channel = Channel.CreateUnbounded<ExportRunEvent>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly Lock _lock = new();
    private TaskCompletionSource _handledChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _published;
    private long _handled;

    // Runs told started and not yet finished, with the progress last published (null before the first).
    private readonly Dictionary<string, ExportRunProgress?> _running = new(StringComparer.Ordinal);

    public ChannelReader<ExportRunEvent> Reader => _channel.Reader;

    /// <summary>A run was opened and stored: publishes <see cref="RunStartedEvent"/> and lets its progress through.</summary>
    public void Started(ExportRun run)
    {
        lock (_running)
        {
            _running[run.Id] = null;
            Publish(new RunStartedEvent(run));
        }
    }

    /// <summary>
    /// The seam for progress (the dispatcher samples each run's figures): publishes a <see cref="RunProgressEvent"/> when
    /// the stage changed, or when the figures changed and <see cref="ProgressInterval"/> passed since the last one; only
    /// between the run's started and finished events.
    /// </summary>
    public void ReportProgress(ExportRun run, ExportRunProgress progress)
    {
        lock (_running)
        {
            if (!_running.TryGetValue(run.Id, out var previous))
            {
                return;
            }

            if (previous is not null && (previous.Stage == progress.Stage
                && ((previous.RecordsWritten == progress.RecordsWritten && previous.BytesWritten == progress.BytesWritten)
                    || progress.UpdatedAt - previous.UpdatedAt < ProgressInterval)))
            {
                return;
            }

            _running[run.Id] = progress;
            Publish(new RunProgressEvent(run, progress));
        }
    }

    /// <summary>A run's final state is recorded: publishes <see cref="RunFinishedEvent"/>; no progress of it follows.</summary>
    public void Finished(ExportRun run, bool retryFollows)
    {
        lock (_running)
        {
            _running.Remove(run.Id);
            Publish(new RunFinishedEvent(run, retryFollows));
        }
    }

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
