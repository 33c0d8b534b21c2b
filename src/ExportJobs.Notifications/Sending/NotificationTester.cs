using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Notifications.Channels;
using ExportJobs.Notifications.Events;
using Microsoft.Extensions.Options;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// <c>POST /export-jobs/{id}/notifications/test</c>: one <c>test</c> event to every channel of the job (whatever its
/// <c>on</c>), one attempt each, in parallel, within <see cref="ExportNotificationOptions.Timeout"/>; nothing goes
/// through the outbox, nothing is retried.
/// </summary>
internal sealed class NotificationTester(
    NotificationPlanner planner,
    IEnumerable<INotificationSender> senders,
    IOptionsMonitor<ExportNotificationOptions> options,
    TimeProvider time) : IExportNotificationTester
{
    private readonly Dictionary<string, INotificationSender> _senders = senders.ToDictionary(s => s.Type, StringComparer.Ordinal);

    public async Task<IReadOnlyList<ExportNotificationTestResult>> TestAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = time.GetUtcNow();
        var id = $"{job.Id}:{ExportNotificationEvents.Test}:{Guid.CreateVersion7(now):N}";
        var notification = new NotificationEvent
        {
            Id = id,
            Event = ExportNotificationEvents.Test,
            OccurredAt = now,
            JobId = job.Id,
            JobName = job.Name,
            Link = NotificationEvent.LinkTo(options.CurrentValue.PublicBaseUrl, job.Id, runId: null),
        };
        var payload = NotificationPayload.Write(notification);
        var channels = planner.ChannelsOf(job);
        return await Task.WhenAll(channels.Select(c => TestAsync(c, notification, payload, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<ExportNotificationTestResult> TestAsync(NotificationChannel channel, NotificationEvent notification, string payload, CancellationToken cancellationToken)
    {
        var described = channel.Describe();
        if (!_senders.TryGetValue(channel.Type, out var sender))
        {
            return new ExportNotificationTestResult(described, channel.Type, Accepted: false, $"No sender for channel type '{channel.Type}'.");
        }

        using var timeout = new CancellationTokenSource(options.CurrentValue.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await sender.SendAsync(channel, notification, payload, attempt: 1, linked.Token).ConfigureAwait(false);
            return new ExportNotificationTestResult(described, channel.Type, Accepted: true, Error: null);
        }
        catch (NotificationDeliveryException ex)
        {
            return new ExportNotificationTestResult(described, channel.Type, Accepted: false, ex.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ExportNotificationTestResult(described, channel.Type, Accepted: false, $"No answer within {options.CurrentValue.Timeout.TotalSeconds:0.#} s.");
        }
    }
}
