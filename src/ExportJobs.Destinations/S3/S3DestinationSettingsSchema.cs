using System.Text.Json.Nodes;

namespace ExportJobs.Destinations.S3;

/// <summary>The settings schema of <c>s3</c> (destination contract v2): exactly the settings <see cref="S3DestinationSettingsValidator"/> accepts.</summary>
internal static class S3DestinationSettingsSchema
{
    public static readonly JsonObject Schema = JsonNode.Parse($$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "title": "Amazon S3 or an S3-compatible store",
          "description": "Without accessKeyId and secretAccessKey the SDK's default credential chain is used (environment, profile, instance role).",
          "properties": {
            "bucket": { "type": "string", "title": "Bucket", "description": "3 to 63 lower-case letters, digits, '.' or '-'." },
            "path": { "type": "string", "title": "Key prefix", "description": "Folder inside the bucket, e.g. exports/daily." },
            "region": { "type": "string", "title": "Region", "description": "e.g. eu-west-1; the SDK's default when empty." },
            "serviceUrl": { "type": "string", "format": "uri", "title": "Service URL", "description": "Endpoint of an S3-compatible store (MinIO, Ceph, R2, ...); changing it requires the secrets again." },
            "forcePathStyle": { "type": "boolean", "title": "Path-style addressing", "description": "For stores without virtual-host buckets.", "default": false },
            "accessKeyId": { "type": "string", "title": "Access key id" },
            "secretAccessKey": { "type": "string", "title": "Secret access key", "writeOnly": true },
            "sessionToken": { "type": "string", "title": "Session token", "writeOnly": true },
            "useChunkEncoding": { "type": "boolean", "title": "aws-chunked upload encoding", "description": "Default: off with a service URL, on without (S3-compatible stores may keep the chunk framing inside the object)." },
            "partSizeMb": { "type": "integer", "title": "Part size (MB)", "minimum": 5, "maximum": 5120, "default": {{S3DestinationSettings.DefaultPartSizeMb}} },
            "maxConcurrency": { "type": "integer", "title": "Parts in flight", "minimum": 1, "maximum": {{S3DestinationSettings.MaxMaxConcurrency}}, "default": {{S3DestinationSettings.DefaultMaxConcurrency}} }
          },
          "required": ["bucket"],
          "additionalProperties": false
        }
        """)!.AsObject();
}
