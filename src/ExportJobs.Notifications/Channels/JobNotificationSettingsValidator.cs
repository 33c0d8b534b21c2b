using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Network;
using ExportJobs.Validation;
using Microsoft.Extensions.Options;

namespace ExportJobs.Notifications.Channels;

/// <summary>
/// The rules of a job's own channels (<c>notifications[i]</c>): a known type and events; webhook <c>url</c> (+ <c>secret</c>),
/// slack <c>url</c>, email <c>to</c>; nothing else. URLs are absolute http(s) without credentials and pass the outbound
/// address policy (connection type <c>notifications</c>); recipients match the host's allowlist; SMTP settings are refused.
/// </summary>
/// <remarks>
/// The address check is the one destinations make when a job is saved (<see cref="OutboundAddressPolicy.CheckHost"/>: IP
/// literals and <c>localhost</c>, without DNS); the decisive check after DNS runs at every connection.
/// </remarks>
internal sealed class JobNotificationSettingsValidator(IOptionsMonitor<ExportNotificationOptions> options, OutboundAddressPolicy network) : IExportNotificationSettingsValidator
{
    private static readonly string[] WebhookSettings = ["url", "secret"];
    private static readonly string[] SlackSettings = ["url"];
    private static readonly string[] EmailSettings = ["to"];
    private static readonly string[] Secret = ["secret"];
    private static readonly string[] Url = ["url"];

    /// <summary>Settings that would choose or log in to a mail server: a job may never set them.</summary>
    private static readonly HashSet<string> SmtpSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "smtp", "smtpHost", "smtpPort", "host", "port", "security", "useSsl", "tls", "userName", "username", "user", "password", "credentials", "from", "server",
    };

    public IReadOnlyCollection<string> SecretSettings(string type) => type switch
    {
        NotificationChannel.Webhook => Secret,
        NotificationChannel.Slack => Url,
        NotificationChannel.Email => [],
        _ => [.. WebhookSettings, .. EmailSettings], // an unknown type is refused on writes; show nothing that might be secret
    };

    public IReadOnlyCollection<string> EndpointSettings(string type) => type == NotificationChannel.Webhook ? Url : [];

    public void Validate(ExportJobNotification channel, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < channel.On.Count; i++)
        {
            if (!ExportNotificationEvents.All.Contains(channel.On[i], StringComparer.Ordinal) && !errors.Has($"on[{i}]"))
            {
                errors.Add($"on[{i}]", $"'{Shown(channel.On[i])}' is not an event; use {string.Join(", ", ExportNotificationEvents.All)}.");
            }
        }

        string[]? known = channel.Type switch
        {
            NotificationChannel.Webhook => WebhookSettings,
            NotificationChannel.Slack => SlackSettings,
            NotificationChannel.Email => EmailSettings,
            _ => null,
        };
        if (known is null)
        {
            if (!errors.Has("type"))
            {
                errors.Add("type", $"'{Shown(channel.Type)}' is not a notification channel type; use {string.Join(", ", NotificationChannel.Types)}.");
            }
        }

        foreach (var (name, _) in channel.Settings)
        {
            if (SmtpSettings.Contains(name))
            {
                errors.Add(name, $"'{name}' cannot be set on a job: the SMTP server and its sender and credentials come only from the host's options ({ExportNotificationOptions.SectionName}:Smtp). A job names its recipients ('to') only.");
            }
            else if (known is not null && !known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(name, $"'{name}' is not a setting of a {channel.Type} channel; it has {string.Join(", ", known.Select(k => $"'{k}'"))}.");
            }
        }

        switch (channel.Type)
        {
            case NotificationChannel.Webhook:
                ValidateUrl(channel.Settings, errors);
                if (channel.Settings.TryGetPropertyValue("secret", out var secret) && secret is not null && !(secret is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0))
                {
                    errors.Add("secret", "'secret' must be a non-empty string, or null for unsigned requests.");
                }

                break;
            case NotificationChannel.Slack:
                ValidateUrl(channel.Settings, errors);
                break;
            case NotificationChannel.Email:
                ValidateRecipients(channel.Settings, errors);
                break;
        }
    }

    private void ValidateUrl(JsonObject settings, ValidationErrors errors)
    {
        if (settings["url"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add("url", "'url' is required: the receiver's absolute http or https URL.");
            return;
        }

        if (!Uri.TryCreate(value.GetValue<string>(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("url", "'url' must be an absolute http or https URL, e.g. https://hooks.example.com/exports.");
        }
        else if (url.UserInfo.Length > 0)
        {
            errors.Add("url", "'url' must not carry credentials (user:password@); a webhook signs its requests with 'secret'.");
        }
        else if (network.CheckHost(HttpNotificationPost.ConnectionType, url.DnsSafeHost, "url") is { } refused)
        {
            errors.Add("url", refused);
        }
    }

    private void ValidateRecipients(JsonObject settings, ValidationErrors errors)
    {
        var host = options.CurrentValue;
        if (settings["to"] is not JsonArray to || to.Count == 0)
        {
            errors.Add("to", "'to' is required: a non-empty array of e-mail addresses, e.g. [\"pim-ops@example.com\"].");
        }
        else
        {
            for (var i = 0; i < to.Count; i++)
            {
                if (to[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } address)
                {
                    errors.Add($"to[{i}]", $"'to[{i}]' must be an e-mail address.");
                }
                else if (address.Any(char.IsControl) || address.Any(char.IsWhiteSpace) || address.Contains(',', StringComparison.Ordinal))
                {
                    errors.Add($"to[{i}]", $"'to[{i}]' must be one e-mail address, without spaces, commas or control characters.");
                }
                else if (!RecipientAllowlist.Allows(host.AllowedRecipients, address))
                {
                    errors.Add($"to[{i}]", $"'{address}' is not a recipient this host allows ({ExportNotificationOptions.SectionName}:AllowedRecipients lists the addresses and @domains e-mail may go to).");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(host.Smtp.Host) || string.IsNullOrWhiteSpace(host.Smtp.From))
        {
            errors.Add("type", $"This host has no SMTP server ({ExportNotificationOptions.SectionName}:Smtp:Host and :From), so it cannot send e-mail; use a webhook or slack channel.");
        }
    }

    /// <summary>A value as an error message may show it: at most 64 characters, no control characters.</summary>
    private static string Shown(string value)
    {
        var clean = new string([.. value.Where(c => !char.IsControl(c))]);
        return clean.Length <= 64 ? clean : clean[..64] + "…";
    }
}
