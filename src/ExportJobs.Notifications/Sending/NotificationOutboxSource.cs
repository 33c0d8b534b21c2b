using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// Writes a run's notification events with its final state (the store's outbox). The <c>failed</c> event is written held
/// by this host, because whether a retry follows is decided after the final write: <see cref="NotificationRunObserver"/>
/// then deletes it (a retry follows) or releases it for sending; if this host dies first, the hold lapses and any host
/// sends it (the retry died with this host, so <c>failed</c> is then true).
/// </summary>
internal sealed class NotificationOutboxSource(NotificationPlanner planner, NotificationHost host) : IExportRunOutboxSource
{
    public async ValueTask<IReadOnlyList<ExportOutboxMessage>> CreateMessagesAsync(ExportJob job, ExportRun final, CancellationToken cancellationToken)
    {
        host.Recorded(final.Id);
        return await planner.PlanAsync(job, final, host.Id, cancellationToken).ConfigureAwait(false);
    }
}
