using System.Net;
using System.Text;
using System.Text.Json;
using ExportJobs.Notifications.Events;

namespace ExportJobs.Notifications.Channels;

/// <summary>Posts to a Slack incoming webhook: the documented JSON format (<c>text</c>, with mrkdwn), no SDK.</summary>
internal sealed class SlackNotificationSender(IHttpClientFactory clients) : INotificationSender
{
    public string Type => NotificationChannel.Slack;

    public async Task SendAsync(NotificationChannel channel, NotificationEvent notification, string payload, int attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url)
        {
            Version = HttpVersion.Version11,
            Content = new StringContent(Message(notification), Encoding.UTF8, "application/json"),
        };
        // The URL is the secret: failures name the channel, never the URL.
        await HttpNotificationPost.SendAsync(clients.CreateClient(HttpNotificationPost.HttpClientName), request, channel.Describe(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The incoming-webhook body: <c>{"text": "*title*\n*Label:* value\n…"}</c>, special characters escaped as Slack asks (&amp;, &lt;, &gt;).</summary>
    internal static string Message(NotificationEvent notification)
    {
        var text = new StringBuilder().Append('*').Append(Escape(NotificationText.Title(notification))).Append('*');
        foreach (var (label, value) in NotificationText.Facts(notification))
        {
            text.Append('\n').Append('*').Append(label).Append(":* ").Append(Escape(value));
        }

        return JsonSerializer.Serialize(new SlackMessage(text.ToString()), SlackJsonContext.Default.SlackMessage);
    }

    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
