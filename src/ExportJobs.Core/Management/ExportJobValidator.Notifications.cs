using ExportJobs.Model;
using ExportJobs.Secrets;
using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>The job's own notification channels, checked by the notifications package's rules.</summary>
internal sealed partial class ExportJobValidator
{
    /// <summary>Reports every problem of a job's <c>notifications</c> (see <see cref="JobNotificationRules.Validate"/>), their settings' lengths included.</summary>
    /// <param name="channels">The job's channels.</param>
    /// <param name="errors">Collects the problems.</param>
    public void ValidateNotifications(IReadOnlyList<ExportJobNotification>? channels, ValidationErrors errors) =>
        _notifications.Validate(channels, errors, ValidateSettingLengths);
}
