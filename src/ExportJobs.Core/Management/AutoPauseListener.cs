using ExportJobs.Running.Events;

namespace ExportJobs.Management;

/// <summary>
/// Pauses a job when the engine decided so (<see cref="ExportJobsOptions.AutoPauseAfterFailures"/> consecutive failures,
/// decided by the scheduler before the run's finished event, or a stored schedule today's rules refuse). A listener on
/// run events, like Quartz's retries-exhausted pause listener, so that the engine never calls up into the front door.
/// </summary>
/// <remarks>Once the pause is stored it publishes a <see cref="JobAutoPausedEvent"/> for the run observers.</remarks>
internal sealed class AutoPauseListener(ExportJobManager manager, ExportRunEvents events) : IExportRunEventListener
{
    public async ValueTask OnEventAsync(ExportRunEvent runEvent, CancellationToken cancellationToken)
    {
        if (runEvent is JobAutoPauseEvent pause)
        {
            var view = await manager.PauseAsync(pause.JobId, pause.Reason, cancellationToken).ConfigureAwait(false);
            if (view is { Job.Active: false } && string.Equals(view.Job.PausedReason, pause.Reason, StringComparison.Ordinal))
            {
                events.Publish(new JobAutoPausedEvent(pause.JobId, pause.Reason));
            }
        }
    }
}
