using ExportJobs.Running.Events;

namespace ExportJobs.Management;

/// <summary>
/// Pauses a job when the engine decided so (<see cref="ExportJobsOptions.AutoPauseAfterFailures"/> consecutive failures,
/// decided by the scheduler before the run's finished event, or a stored schedule today's rules refuse). A listener on
/// run events, like Quartz's retries-exhausted pause listener, so that the engine never calls up into the front door.
/// </summary>
internal sealed class AutoPauseListener(ExportJobManager manager) : IExportRunEventListener
{
    public async ValueTask OnEventAsync(ExportRunEvent runEvent, CancellationToken cancellationToken)
    {
        if (runEvent is JobAutoPauseEvent pause)
        {
            await manager.PauseAsync(pause.JobId, pause.Reason, cancellationToken).ConfigureAwait(false);
        }
    }
}
