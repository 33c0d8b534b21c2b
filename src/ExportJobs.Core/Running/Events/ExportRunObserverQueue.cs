using System.Threading.Channels;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running.Events;

/// <summary>One observer's bounded queue and the loop that calls it, one notification at a time, in order.</summary>
internal sealed partial class ExportRunObserverQueue : IDisposable
{
    private readonly IExportRunObserver _observer;
    private readonly Func<TimeSpan> _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<ExportRunEvent> _channel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _posted;
    private long _done;
    private int _dropped;
    private Task? _loop;

    public ExportRunObserverQueue(IExportRunObserver observer, int capacity, Func<TimeSpan> timeout, TimeProvider time, ILogger logger)
    {
        _observer = observer;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<ExportRunEvent>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            OnDropped);
    }

    private string Name => _observer.GetType().Name;

    /// <summary>Queues a notification; never waits. Dropped (and logged) when the observer's queue is full.</summary>
    public void Post(ExportRunEvent runEvent)
    {
        Interlocked.Increment(ref _posted);
        _channel.Writer.TryWrite(runEvent);
        lock (_lock)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    public async Task WaitUntilDeliveredAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _posted);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (Interlocked.Read(ref _done) >= target)
                {
                    return;
                }

                changed = _delivered.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (!_channel.Writer.TryComplete())
        {
            return; // Disposed before.
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stopping;
        try
        {
            stopping = _stopping.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            await foreach (var runEvent in _channel.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                await DeliverAsync(runEvent, stopping).ConfigureAwait(false);
                MarkDone();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task DeliverAsync(ExportRunEvent runEvent, CancellationToken stopping)
    {
        var timeout = _timeout();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            // The observer gets a token that fires at the timeout; one that ignores it is left behind all the same.
            var task = Invoke(runEvent, call.Token).AsTask();
            await task.WaitAsync(timeout, _time, stopping).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await call.CancelAsync().ConfigureAwait(false);
            LogTimedOut(Name, runEvent.GetType().Name, runEvent.JobId, timeout);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(ex, Name, runEvent.GetType().Name, runEvent.JobId);
        }
    }

    private ValueTask Invoke(ExportRunEvent runEvent, CancellationToken cancellationToken) => runEvent switch
    {
        RunStartedEvent started => _observer.OnRunStartedAsync(started.Run, cancellationToken),
        RunProgressEvent progress => _observer.OnRunProgressAsync(progress.Run, progress.Progress, cancellationToken),
        RunFinishedEvent finished => _observer.OnRunFinishedAsync(finished.Run, finished.RetryFollows, cancellationToken),
        JobAutoPausedEvent paused => _observer.OnJobAutoPausedAsync(paused.JobId, paused.Reason, cancellationToken),
        _ => ValueTask.CompletedTask,
    };

    private void OnDropped(ExportRunEvent runEvent)
    {
        MarkDone();
        if (Interlocked.Increment(ref _dropped) is 1 or 100 or 10_000)
        {
            LogDropped(Name, _dropped, runEvent.GetType().Name, runEvent.JobId);
        }
    }

    private void MarkDone()
    {
        Interlocked.Increment(ref _done);
        lock (_lock)
        {
            var delivered = _delivered;
            _delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            delivered.SetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The run observer {Observer} failed on {Event} of job {JobId}; the run is not affected.")]
    private partial void LogFailed(Exception exception, string observer, string @event, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run observer {Observer} did not finish {Event} of job {JobId} within {Timeout}; it is left behind and the next notification goes ahead.")]
    private partial void LogTimedOut(string observer, string @event, string jobId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run observer {Observer} falls behind: its queue is full and {Dropped} notification(s) were dropped so far (last: {Event} of job {JobId}).")]
    private partial void LogDropped(string observer, int dropped, string @event, string jobId);
}
