using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running.Events;

/// <summary>Hands every run event, in order, to each <see cref="IExportRunEventListener"/>; a listener that throws is logged.</summary>
internal sealed partial class ExportRunEventPump(
    ExportRunEvents events,
    IEnumerable<IExportRunEventListener> listeners,
    ILogger<ExportRunEventPump> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private readonly IExportRunEventListener[] _listeners = listeners.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runEvent in events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var listener in _listeners)
                {
                    try
                    {
                        await listener.OnEventAsync(runEvent, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        LogListenerFailed(ex, listener.GetType().Name, runEvent.GetType().Name, runEvent.JobId);
                    }
                }
            }
            finally
            {
                events.MarkHandled();
            }
        }
    }

    /// <summary>
    /// Hands the events still queued to the listeners before it stops (the scheduler and the dispatcher stop first, so the
    /// finished events of the runs cancelled by the shutdown are among them), for at most <see cref="DrainTimeout"/>.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTimeout);
        try
        {
            await events.WaitUntilHandledAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(DrainTimeout);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run events were still queued when the host stopped ({Timeout} later); listeners and run observers miss them.")]
    private partial void LogDrainTimedOut(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "The run event listener {Listener} failed on {Event} of job {JobId}.")]
    private partial void LogListenerFailed(Exception exception, string listener, string @event, string jobId);
}
