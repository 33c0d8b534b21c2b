using ExportJobs.Model;

namespace ExportJobs.Notifications.Channels;

/// <summary>A channel as resolved for one event: a host default or one of the job's <c>notifications</c>.</summary>
/// <param name="Type"><c>webhook</c>, <c>email</c> or <c>slack</c>.</param>
/// <param name="On">The events it is told of.</param>
/// <param name="Url">webhook and slack: the URL.</param>
/// <param name="Secret">webhook: the signing secret.</param>
/// <param name="To">email: the recipients.</param>
/// <param name="Origin">Where it was configured, for logs: <c>host channel 1</c>, <c>notifications[0]</c>.</param>
internal sealed record NotificationChannel(string Type, IReadOnlyList<string> On, string? Url, string? Secret, IReadOnlyList<string> To, string Origin)
{
    public const string Webhook = "webhook";
    public const string Email = "email";
    public const string Slack = "slack";

    public static IReadOnlyList<string> Types { get; } = [Webhook, Email, Slack];

    public bool Wants(string eventType) =>
        eventType == ExportNotificationEvents.Test || (On.Count == 0 ? ExportNotificationEvents.Default : On).Contains(eventType, StringComparer.Ordinal);

    /// <summary>What logs and answers may show of the channel: never the slack URL, a webhook's path and query, or the secret.</summary>
    public string Describe() => Type switch
    {
        Webhook when Uri.TryCreate(Url, UriKind.Absolute, out var uri) => $"{Origin} (webhook {uri.Scheme}://{uri.Authority})",
        Email => $"{Origin} (email to {To.Count} recipient(s))",
        _ => $"{Origin} ({Type})",
    };

    /// <summary>One of a job's own channels (<c>notifications[index]</c>), as stored: settings of the wrong JSON type read as missing.</summary>
    public static NotificationChannel FromJob(ExportJobNotification channel, int index) =>
        new(
            channel.Type,
            channel.On,
            Text(channel.Settings["url"]),
            Text(channel.Settings["secret"]),
            channel.Settings["to"] is System.Text.Json.Nodes.JsonArray to ? [.. to.Select(Text).OfType<string>()] : [],
            $"notifications[{index}]");

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    public static NotificationChannel FromOptions(ExportNotificationChannelOptions options, int index) =>
        new(options.Type, [.. options.On], options.Url, options.Secret, [.. options.To], $"host channel {index + 1}");
}
