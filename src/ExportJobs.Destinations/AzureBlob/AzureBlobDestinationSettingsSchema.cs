using System.Text.Json.Nodes;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>The settings schema of <c>azure-blob</c> (destination contract v2): exactly the settings <see cref="AzureBlobDestinationSettingsValidator"/> accepts.</summary>
internal static class AzureBlobDestinationSettingsSchema
{
    public static readonly JsonObject Schema = JsonNode.Parse($$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "title": "Azure Blob Storage",
          "description": "Set connectionString, or accountUrl with sasToken, or accountUrl alone when the host registers a TokenCredential.",
          "properties": {
            "container": { "type": "string", "title": "Container", "description": "3 to 63 lower-case letters, digits and single hyphens." },
            "path": { "type": "string", "title": "Folder", "description": "Folder inside the container." },
            "connectionString": { "type": "string", "title": "Connection string", "description": "DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...", "writeOnly": true },
            "accountUrl": { "type": "string", "format": "uri", "title": "Account URL", "description": "e.g. https://myaccount.blob.core.windows.net; changing it requires the secrets again." },
            "sasToken": { "type": "string", "title": "SAS token", "description": "With create/write permissions; needs accountUrl.", "writeOnly": true },
            "blockSizeMb": { "type": "integer", "title": "Block size (MB)", "minimum": 1, "maximum": 4000, "default": {{AzureBlobDestinationSettings.DefaultBlockSizeMb}} },
            "maxConcurrency": { "type": "integer", "title": "Blocks in flight", "minimum": 1, "maximum": {{AzureBlobDestinationSettings.MaxMaxConcurrency}}, "default": {{AzureBlobDestinationSettings.DefaultMaxConcurrency}} }
          },
          "required": ["container"],
          "additionalProperties": false
        }
        """)!.AsObject();
}
