using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Network;
using ExportJobs.Validation;

namespace ExportJobs.Destinations.Webhook;

/// <summary>Reads a <c>webhook</c> <c>destinationConfig</c> and reports every problem at once.</summary>
internal static class WebhookDestinationSettingsValidator
{
    public static readonly string[] Known = ["url", "method", "headers", "secret", "timeoutSeconds"];

    /// <summary>Header values often carry API keys, so the whole <c>headers</c> object is secret.</summary>
    public static readonly string[] Secrets = ["secret", "headers"];

    public static WebhookDestinationSettings? Read(JsonObject config, OutboundAddressPolicy network, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        JsonSettings.RejectUnknown(config, Known, errors);
        var urlText = JsonSettings.String(config, "url", errors, required: true);
        Uri? url = null;
        if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add("url", "'url' must be an absolute http or https URL, e.g. https://example.com/hooks/products.");
        }
        else if (url is not null && url.UserInfo.Length > 0)
        {
            // A password in the URL would be shown by every response and log that shows the URL; headers are kept secret.
            errors.Add("url", "'url' must not carry credentials (user:password@); send them in 'headers', e.g. an Authorization header, which is kept secret.");
        }
        else if (url is not null && network.CheckHost(WebhookDestination.TypeName, url.DnsSafeHost, "url") is { } refused)
        {
            errors.Add("url", refused);
        }

        var method = JsonSettings.String(config, "method", errors);
        if (method is not null && method.ToUpperInvariant() is not ("POST" or "PUT"))
        {
            errors.Add("method", "'method' must be POST or PUT.");
        }

        var headers = JsonSettings.StringMap(config, "headers", errors);
        foreach (var name in headers?.Keys ?? [])
        {
            if (WebhookHeaders.Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add("headers", $"The header '{name}' is set by ExportJobs and cannot be configured.");
            }
            else if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c is ':' or '(' or ')' or ',' or ';' or '"'))
            {
                errors.Add("headers", $"'{name}' is not a valid header name.");
            }
        }

        if (headers?.Values.Any(v => v.Any(c => c is '\r' or '\n')) == true)
        {
            errors.Add("headers", "Header values must not contain line breaks.");
        }

        var timeout = JsonSettings.Int(config, "timeoutSeconds", errors, 1, 3600);
        var settings = new WebhookDestinationSettings
        {
            Url = url ?? new Uri("http://invalid"),
            Method = method?.ToUpperInvariant() == "PUT" ? HttpMethod.Put : HttpMethod.Post,
            Headers = headers ?? new Dictionary<string, string>(),
            Secret = JsonSettings.String(config, "secret", errors),
            Timeout = timeout is null ? null : TimeSpan.FromSeconds(timeout.Value),
        };
        return errors.ToDictionary().Count == before ? settings : null;
    }

}
