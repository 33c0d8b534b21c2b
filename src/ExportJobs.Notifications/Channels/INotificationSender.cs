using ExportJobs.Notifications.Events;

namespace ExportJobs.Notifications.Channels;

/// <summary>Sends one attempt of an event to one channel of its type; throws <see cref="NotificationDeliveryException"/> when it was not accepted.</summary>
internal interface INotificationSender
{
    string Type { get; }

    Task SendAsync(NotificationChannel channel, NotificationEvent notification, string payload, int attempt, CancellationToken cancellationToken);
}
