using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Secrets;

/// <summary>
/// Core's view of a job's own notification channels: the registered <see cref="IExportNotificationSettingsValidator"/>
/// checks them and names their secrets. Without one (no notifications package), a job cannot have channels, and every
/// setting of a stored channel is a secret (nothing of a channel this host cannot check is shown).
/// </summary>
internal sealed class JobNotificationRules(IExportNotificationSettingsValidator? rules)
{
    /// <summary>The most channels one job may have.</summary>
    internal const int MaxChannels = 20;

    /// <summary>The notifications package's rules, when it is registered.</summary>
    public IExportNotificationSettingsValidator? Rules => rules;

    public IReadOnlyCollection<string> SecretsOf(string type, JsonObject settings) =>
        rules?.SecretSettings(type) ?? settings.Select(p => p.Key).ToArray();

    public IReadOnlyCollection<string> EndpointsOf(string type) => rules?.EndpointSettings(type) ?? [];

    /// <summary>
    /// Reports every problem of a job's <c>notifications</c> under <c>notifications[i]…</c>: a host without the notifications
    /// package refuses any channel; otherwise each channel whose settings <paramref name="settingsFit"/> goes to the rules.
    /// </summary>
    /// <param name="channels">The job's channels; <see langword="null"/> (host defaults) and <c>[]</c> (opted out) are always valid.</param>
    /// <param name="errors">Collects the problems.</param>
    /// <param name="settingsFit">Checks the lengths of a channel's settings (reporting under the field it is given); <see langword="null"/>: not checked.</param>
    public void Validate(IReadOnlyList<ExportJobNotification>? channels, ValidationErrors errors, Func<JsonObject, ValidationErrors, string, bool>? settingsFit = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (channels is null || channels.Count == 0 || errors.Has("notifications"))
        {
            return;
        }

        if (rules is null)
        {
            errors.Add("notifications", "This host does not send notifications (AddNotifications() is not called), so a job cannot name notification channels. Send null (or leave notifications out), or ask the host to add notifications.");
            return;
        }

        if (channels.Count > MaxChannels)
        {
            errors.Add("notifications", $"A job may have at most {MaxChannels} notification channels.");
            return;
        }

        for (var i = 0; i < channels.Count; i++)
        {
            var field = $"notifications[{i}]";
            if (settingsFit?.Invoke(channels[i].Settings, errors, field) ?? true)
            {
                rules.Validate(channels[i], errors.Scope(field));
            }
        }
    }
}
