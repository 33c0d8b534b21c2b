using System.Text.Json.Nodes;

namespace ExportJobs.Model;

/// <summary>
/// One of a job's own notification channels, an entry of <see cref="ExportJobDefinition.Notifications"/>: in JSON
/// <c>{ "type": "webhook", "on": ["failed"], "url": "https://…", "secret": "…" }</c>, everything but <c>type</c> and
/// <c>on</c> being the channel's <see cref="Settings"/>.
/// </summary>
/// <remarks>
/// The notifications package (<c>AddNotifications()</c>) checks them (<see cref="Extensibility.IExportNotificationSettingsValidator"/>)
/// and names their secret settings, which are stored encrypted and shown masked like destination secrets.
/// </remarks>
public sealed record ExportJobNotification
{
    /// <summary>The channel type: <c>webhook</c>, <c>email</c> or <c>slack</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The events the channel is told of (<c>failed</c>, <c>recovered</c>, <c>autoPaused</c>, <c>succeeded</c>, <c>cancelled</c>); empty: <c>failed</c>, <c>recovered</c> and <c>autoPaused</c>.</summary>
    public IReadOnlyList<string> On { get; init; } = [];

    /// <summary>The channel's settings: <c>url</c> and <c>secret</c> (webhook), <c>url</c> (slack), <c>to</c> (email).</summary>
    public JsonObject Settings { get; init; } = [];
}
