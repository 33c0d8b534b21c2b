using System.Text.Json.Nodes;

namespace ExportJobs.Destinations.Webhook;

/// <summary>The settings schema of <c>webhook</c> (destination contract v2): exactly the settings <see cref="WebhookDestinationSettingsValidator"/> accepts.</summary>
internal static class WebhookDestinationSettingsSchema
{
    public static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "title": "Webhook (HTTP POST or PUT of the file)",
          "properties": {
            "url": { "type": "string", "format": "uri", "title": "URL", "description": "http or https, without user:password@ (send credentials in headers); changing it requires the secrets again." },
            "method": { "type": "string", "title": "Method", "enum": ["POST", "PUT"], "default": "POST" },
            "headers": { "type": "object", "title": "Headers", "description": "Extra request headers, e.g. {\"Authorization\": \"Bearer ...\"}; secret as a whole.", "additionalProperties": { "type": "string" }, "writeOnly": true },
            "secret": { "type": "string", "title": "Signing secret", "description": "Signs every request with HMAC-SHA256.", "writeOnly": true },
            "timeoutSeconds": { "type": "integer", "title": "Timeout per attempt (s)", "minimum": 1, "maximum": 3600, "description": "Default: the host's WebhookDestinationOptions.DefaultTimeout (100 s)." }
          },
          "required": ["url"],
          "additionalProperties": false
        }
        """)!.AsObject();
}
