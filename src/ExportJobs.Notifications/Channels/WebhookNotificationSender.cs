using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ExportJobs.Notifications.Events;

namespace ExportJobs.Notifications.Channels;

/// <summary>POSTs the payload as JSON, signed like the <c>webhook</c> destination when the channel has a secret.</summary>
internal sealed class WebhookNotificationSender(IHttpClientFactory clients, TimeProvider time) : INotificationSender
{
    public string Type => NotificationChannel.Webhook;

    public Task SendAsync(NotificationChannel channel, NotificationEvent notification, string payload, int attempt, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Version = HttpVersion.Version11, Content = content };
        request.Headers.Add(ExportNotificationHeaders.JobId, notification.JobId);
        if (notification.Run is { } run)
        {
            request.Headers.Add(ExportNotificationHeaders.RunId, run.Id);
        }

        request.Headers.Add(ExportNotificationHeaders.Event, notification.Event);
        request.Headers.Add(ExportNotificationHeaders.IdempotencyKey, notification.Id);
        request.Headers.Add(ExportNotificationHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ExportNotificationHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        if (channel.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(ExportNotificationHeaders.Signature, ExportNotificationSignature.Compute(secret, timestamp, body));
        }

        return SendAsync(request, channel, cancellationToken);
    }

    private async Task SendAsync(HttpRequestMessage request, NotificationChannel channel, CancellationToken cancellationToken)
    {
        using (request)
        {
            await HttpNotificationPost.SendAsync(clients.CreateClient(HttpNotificationPost.HttpClientName), request, channel.Describe(), cancellationToken).ConfigureAwait(false);
        }
    }
}
