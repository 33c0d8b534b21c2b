using ExportJobs.Notifications;
using ExportJobs.Notifications.Channels;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks <see cref="ExportNotificationOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class ExportNotificationOptionsValidator : IValidateOptions<ExportNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportNotificationOptions options)
    {
        var failures = new List<string>();
        const string Section = ExportNotificationOptions.SectionName;
        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            var at = $"{Section}:Channels:{i}";
            if (!NotificationChannel.Types.Contains(channel.Type, StringComparer.Ordinal))
            {
                failures.Add($"{at}:Type must be one of {string.Join(", ", NotificationChannel.Types)}; it is '{channel.Type}'.");
            }

            foreach (var on in channel.On.Where(e => !ExportNotificationEvents.All.Contains(e, StringComparer.Ordinal)))
            {
                failures.Add($"{at}:On has the unknown event '{on}'; use {string.Join(", ", ExportNotificationEvents.All)}.");
            }

            if (channel.Type is NotificationChannel.Webhook or NotificationChannel.Slack
                && !(Uri.TryCreate(channel.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                failures.Add($"{at}:Url must be an absolute http or https URL.");
            }

            if (channel.Type == NotificationChannel.Email)
            {
                if (channel.To.Count == 0)
                {
                    failures.Add($"{at}:To needs at least one recipient.");
                }

                foreach (var to in channel.To.Where(t => !RecipientAllowlist.Allows(options.AllowedRecipients, t)))
                {
                    failures.Add($"{at}:To: '{to}' is not in {Section}:AllowedRecipients.");
                }

                if (string.IsNullOrWhiteSpace(options.Smtp.Host) || string.IsNullOrWhiteSpace(options.Smtp.From))
                {
                    failures.Add($"{at} is an email channel: set {Section}:Smtp:Host and {Section}:Smtp:From.");
                }
            }
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            failures.Add($"{Section}:Smtp:Port must be 1 to 65535.");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"{Section}:PublicBaseUrl must be an absolute URL.");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{Section}:MaxAttempts must be 1 to 10.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add($"{Section}:RetryBaseDelay must be positive and at most MaxRetryDelay.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Timeout must be positive.");
        }

        var longestSend = (options.Timeout + options.MaxRetryDelay) * Math.Clamp(options.MaxAttempts, 1, 10);
        if (options.ClaimDuration <= longestSend)
        {
            failures.Add($"{Section}:ClaimDuration must exceed MaxAttempts × (Timeout + MaxRetryDelay) = {longestSend}, or another host may send an event that is still being sent.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:PollInterval must be at least 1 second.");
        }

        if (options.MaxConcurrentSends is < 1 or > 64)
        {
            failures.Add($"{Section}:MaxConcurrentSends must be 1 to 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
