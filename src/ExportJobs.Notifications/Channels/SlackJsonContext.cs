using System.Text.Json.Serialization;

namespace ExportJobs.Notifications.Channels;

/// <summary>Source-generated serialization of <see cref="SlackMessage"/>.</summary>
[JsonSerializable(typeof(SlackMessage))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
