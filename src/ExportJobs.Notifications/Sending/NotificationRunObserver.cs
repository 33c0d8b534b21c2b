using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// Settles the events of finished runs once the engine has decided what follows them, and writes those the runner did
/// not write: runs reported through the API, failed by start-up recovery or by lease expiry, and automatic pauses.
/// Quick store calls only; the sending happens in <see cref="NotificationOutboxSender"/>.
/// </summary>
/// <remarks>
/// The messages this observer writes are written right after the state they tell of, not in its transaction: a host that
/// stops in between loses them. Runs the library executes (the usual case) do not have that gap.
/// </remarks>
internal sealed class NotificationRunObserver(
    ExportJobStore store,
    NotificationPlanner planner,
    NotificationHost host,
    NotificationOutboxSender sender,
    TimeProvider time) : IExportRunObserver
{
    public async ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken)
    {
        if (host.Forget(run.Id))
        {
            if (run.Status == ExportRunStatus.Failed && !run.Cancelled)
            {
                var id = NotificationPlanner.MessageId(run.Id, ExportNotificationEvents.Failed);
                _ = retryFollows
                    ? await store.DeleteOutboxMessageAsync(id, host.Id, cancellationToken).ConfigureAwait(false)
                    : await store.ReleaseOutboxMessageAsync(id, host.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (!retryFollows && run.Status != ExportRunStatus.Running && await store.GetJobAsync(run.JobId, cancellationToken).ConfigureAwait(false) is { } job)
        {
            var messages = await planner.PlanAsync(job, run, holder: null, cancellationToken).ConfigureAwait(false);
            if (messages.Count > 0)
            {
                await store.AddOutboxMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
            }
        }

        sender.Wake();
    }

    public async ValueTask OnJobAutoPausedAsync(string jobId, string reason, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (planner.AutoPaused(job, jobId, reason) is { } message)
        {
            await store.AddOutboxMessagesAsync([message], cancellationToken).ConfigureAwait(false);
            sender.Wake();
        }
    }
}
