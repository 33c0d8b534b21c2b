using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>One of a job's own notification channels, as requests send it and responses show it (secrets masked).</summary>
/// <remarks>Settings the notifications package does not know are refused on writes, so these are all a stored channel holds.</remarks>
internal sealed record ExportJobNotificationContract
{
    [Description("The channel: 'webhook' (a signed POST of the payload), 'email' (to recipients the host allows, through the host's SMTP server) or 'slack' (an incoming webhook).")]
    public required string Type { get; init; }

    [Description("The events told: 'failed' (after the last attempt), 'recovered', 'autoPaused', 'succeeded', 'cancelled'. Empty or absent: failed, recovered and autoPaused.")]
    public IReadOnlyList<string> On { get; init; } = [];

    [Description("webhook: the receiver's http(s) URL; slack: the incoming-webhook URL, a secret (shown as '********'). The outbound address policy applies (no private or loopback addresses unless the host allows them).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Url { get; init; }

    [Description("webhook: signs each request (HMAC-SHA256 of '{timestamp}.{body}' in X-ExportJobs-Signature); a secret, shown as '********'. Send the mask back to keep it, unless url changes.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Secret { get; init; }

    [Description("email: the recipients, each allowed by the host (ExportJobs:Notifications:AllowedRecipients). SMTP server settings cannot be set on a job.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? To { get; init; }

    public static ExportJobNotificationContract From(ExportJobNotification channel) => new()
    {
        Type = channel.Type,
        On = channel.On,
        Url = channel.Settings["url"]?.DeepClone(),
        Secret = channel.Settings["secret"]?.DeepClone(),
        To = channel.Settings["to"]?.DeepClone(),
    };
}
