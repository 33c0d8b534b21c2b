using System.Text.Json.Serialization;

namespace ExportJobs.Notifications.Channels;

/// <summary>The body of a Slack incoming-webhook message.</summary>
/// <param name="Text">The message, in Slack's mrkdwn.</param>
internal sealed record SlackMessage([property: JsonPropertyName("text")] string Text);
