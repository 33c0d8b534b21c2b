using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Extensibility;

/// <summary>
/// The rules of a job's own notification channels (<see cref="ExportJobDefinition.Notifications"/>): checks each channel
/// when a job is created or changed, and names the settings that are secrets. Implemented by the notifications package
/// (<c>AddNotifications()</c> registers it); Core calls it from job validation and from its secret handling.
/// </summary>
/// <remarks>
/// <para>
/// Without an implementation registered, a job whose <c>notifications</c> is not empty is refused (400) on every write,
/// and a stored one is paused with the reason when the scheduler loads it; <c>[]</c> and <see langword="null"/> are
/// accepted. Every setting of such a stored channel is treated as a secret (masked and encrypted), so nothing leaks.
/// </para>
/// <para>
/// Secrets follow the destination rules: a response shows each <see cref="SecretSettings"/> value as <c>********</c>,
/// a PUT that sends the mask back keeps the stored value of the channel at the same position with the same type, and
/// not when one of its <see cref="EndpointSettings"/> changed (the secret would go somewhere else).
/// </para>
/// </remarks>
public interface IExportNotificationSettingsValidator
{
    /// <summary>
    /// Reports every problem of one channel, with field names relative to it (<c>type</c>, <c>on[1]</c>, <c>url</c>,
    /// <c>to[0]</c>): <paramref name="errors"/> is scoped to <c>notifications[i]</c>. Runs without I/O (no DNS).
    /// </summary>
    /// <param name="channel">The channel as sent, with masks already replaced by stored secrets.</param>
    /// <param name="errors">Collects the problems; never put a secret value in a message.</param>
    void Validate(ExportJobNotification channel, ValidationErrors errors);

    /// <summary>The settings of a channel of <paramref name="type"/> that are secrets (<c>secret</c> of a webhook, <c>url</c> of a slack channel).</summary>
    /// <param name="type">The channel type.</param>
    IReadOnlyCollection<string> SecretSettings(string type);

    /// <summary>The settings of a channel of <paramref name="type"/> that say where its secrets go (<c>url</c> of a webhook).</summary>
    /// <param name="type">The channel type.</param>
    IReadOnlyCollection<string> EndpointSettings(string type);
}
