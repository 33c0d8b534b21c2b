using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running.Events;

/// <summary>Hands every run event, in order, to each <see cref="IExportRunEventListener"/>; a listener that throws is logged.</summary>
internal sealed partial class ExportRunEventPump(
    ExportRunEvents events,
    IEnumerable<IExportRunEventListener> listeners,
    ILogger<ExportRunEventPump> logger) : BackgroundService
{
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The run event listener {Listener} failed on {Event} of job {JobId}.")]
    private partial void LogListenerFailed(Exception exception, string listener, string @event, string jobId);
}
