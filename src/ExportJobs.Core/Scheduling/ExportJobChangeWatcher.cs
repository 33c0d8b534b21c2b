using ExportJobs.Extensibility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Scheduling;

/// <summary>
/// Passes job changes made by other hosts (reported by <see cref="ExportJobStore.WatchJobChangesAsync"/>) to this
/// host's <see cref="IExportJobChangeListener"/>s, exactly like a change made here: the scheduler re-reads the job.
/// </summary>
/// <remarks>A single-process store's default watch completes at once, so this service then does nothing.</remarks>
internal sealed partial class ExportJobChangeWatcher(
    ExportJobStore store,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ExportJobChangeWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: the listeners' own dependencies are built after the hosted services.
        var listeners = services.GetServices<IExportJobChangeListener>().ToArray();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.WatchJobChangesAsync(id => Notify(listeners, id), time, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(ex.GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(RestartDelay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Notify(IExportJobChangeListener[] listeners, string jobId)
    {
        foreach (var listener in listeners)
        {
            try
            {
                listener.OnJobChanged(jobId);
            }
            catch (Exception ex)
            {
                LogListenerFailed(ex.GetType().Name, jobId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the store for job changes by other hosts failed ({ExceptionType}: {Reason}); restarting.")]
    private partial void LogWatchFailed(string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A job change listener failed ({ExceptionType}) for job {JobId}.")]
    private partial void LogListenerFailed(string exceptionType, string jobId);
}
