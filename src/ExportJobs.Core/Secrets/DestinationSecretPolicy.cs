using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Validation;

namespace ExportJobs.Secrets;

/// <summary>
/// The one secret policy of the library, applied to each job by its destination's declared
/// <see cref="IExportDestination.SecretSettings"/> and <see cref="IExportDestination.EndpointSettings"/>: masks on the
/// way out, restores masks on the way in, and scrubs secret values out of error messages.
/// </summary>
/// <remarks>
/// Encryption at rest (<see cref="SecretProtectingExportJobStore"/>, with an <see cref="ISecretProtector"/>) sits below
/// it: everything above the store sees clear values, and only this policy decides what leaves the library.
/// </remarks>
internal sealed class DestinationSecretPolicy(ExportComponentRegistry<IExportDestination> destinations, JobNotificationRules notifications)
{
    /// <summary>The job as it may be shown: every secret setting with a value is <see cref="DestinationSecrets.Mask"/>.</summary>
    public ExportJob Mask(ExportJob job) =>
        job with { DestinationConfig = DestinationSecrets.MaskSecrets(job.DestinationConfig, SecretsOf(job.DestinationType, job.DestinationConfig)), Notifications = MaskNotifications(job.Notifications) };

    /// <summary>The job's notification channels as they may be shown: every secret setting with a value is <see cref="DestinationSecrets.Mask"/>.</summary>
    public IReadOnlyList<ExportJobNotification>? MaskNotifications(IReadOnlyList<ExportJobNotification>? channels) =>
        channels?.Select(c => c with { Settings = DestinationSecrets.MaskSecrets(c.Settings, notifications.SecretsOf(c.Type, c.Settings)) }).ToArray();

    /// <summary>
    /// The definition of a create or update with every secret sent as the mask replaced by the stored value of
    /// <paramref name="stored"/> (only when it has the same destination type); masks that cannot be restored are reported.
    /// </summary>
    public ExportJobDefinition Restore(ExportJobDefinition definition, ExportJob? stored, ValidationErrors errors)
    {
        var config = Restore(definition.DestinationType, definition.DestinationConfig, stored, errors);
        var restored = ReferenceEquals(config, definition.DestinationConfig) ? definition : definition with { DestinationConfig = config };
        return definition.Notifications is { Count: > 0 } channels
            ? restored with { Notifications = RestoreNotifications(channels, stored?.Notifications, errors) }
            : restored;
    }

    /// <summary>
    /// The job's channels with every secret sent as the mask replaced by the stored value of the stored channel at the same
    /// position with the same type (the endpoint-change rule applies); problems are reported under <c>notifications[i]</c>.
    /// </summary>
    private ExportJobNotification[] RestoreNotifications(IReadOnlyList<ExportJobNotification> channels, IReadOnlyList<ExportJobNotification>? stored, ValidationErrors errors)
    {
        var restored = new ExportJobNotification[channels.Count];
        for (var i = 0; i < channels.Count; i++)
        {
            var channel = channels[i];
            var before = stored is not null && i < stored.Count && string.Equals(stored[i].Type, channel.Type, StringComparison.Ordinal) ? stored[i].Settings : null;
            var secrets = notifications.Rules?.SecretSettings(channel.Type) ?? [];
            restored[i] = secrets.Count == 0
                ? channel
                : channel with { Settings = DestinationSecrets.RestoreMasked(channel.Settings, before, secrets, errors.Scope($"notifications[{i}]"), notifications.EndpointsOf(channel.Type)) };
        }

        return restored;
    }

    /// <summary>
    /// <paramref name="incoming"/> with every secret sent as the mask replaced by the stored value of <paramref name="stored"/>
    /// (only when it has the same destination type); problems are reported under <c>destinationConfig</c>.
    /// </summary>
    public JsonObject Restore(string destinationType, JsonObject incoming, ExportJob? stored, ValidationErrors errors)
    {
        var destination = destinations.Find(destinationType);
        if (destination is null || destination.SecretSettings.Count == 0)
        {
            return incoming;
        }

        var sameType = stored is not null && string.Equals(stored.DestinationType, destinationType, StringComparison.Ordinal);
        return DestinationSecrets.RestoreMasked(incoming, sameType ? stored!.DestinationConfig : null, destination.SecretSettings, errors.Scope("destinationConfig"), destination.EndpointSettings);
    }

    /// <summary><paramref name="text"/> with every secret value of <paramref name="job"/>'s destination settings masked.</summary>
    public string Scrub(string text, ExportJob job)
    {
        text = Scrub(text, job.DestinationType, job.DestinationConfig);
        foreach (var channel in job.Notifications ?? [])
        {
            text = DestinationSecrets.Scrub(text, channel.Settings, notifications.SecretsOf(channel.Type, channel.Settings));
        }

        return text;
    }

    /// <summary><paramref name="text"/> with every secret value of <paramref name="config"/> masked.</summary>
    public string Scrub(string text, string destinationType, JsonObject config) =>
        DestinationSecrets.Scrub(text, config, SecretsOf(destinationType, config));

    internal IReadOnlyCollection<string> SecretsOf(string destinationType, JsonObject config) =>
        DestinationSecretSettings.Of(destinations, destinationType, config);
}
