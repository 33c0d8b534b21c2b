using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Network;
using ExportJobs.Validation;

namespace ExportJobs.Destinations.S3;

/// <summary>Reads an <c>s3</c> <c>destinationConfig</c> and reports every problem at once.</summary>
internal static class S3DestinationSettingsValidator
{
    public static readonly string[] Known =
        ["bucket", "path", "region", "serviceUrl", "forcePathStyle", "accessKeyId", "secretAccessKey", "sessionToken", "useChunkEncoding", "partSizeMb", "maxConcurrency"];

    public static readonly string[] Secrets = ["secretAccessKey", "sessionToken"];

    public static S3DestinationSettings? Read(JsonObject config, OutboundAddressPolicy network, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        JsonSettings.RejectUnknown(config, Known, errors);
        var bucket = JsonSettings.String(config, "bucket", errors, required: true);
        if (bucket is not null && (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))))
        {
            errors.Add("bucket", "'bucket' must be a bucket name: 3 to 63 lower-case letters, digits, '.' or '-'.");
        }

        var path = JsonSettings.String(config, "path", errors);
        if (ObjectPath.Problem(path) is { } pathProblem)
        {
            errors.Add("path", $"'path' {pathProblem}");
        }

        var region = JsonSettings.String(config, "region", errors);
        var serviceUrlText = JsonSettings.String(config, "serviceUrl", errors);
        Uri? serviceUrl = null;
        if (serviceUrlText is not null && (!Uri.TryCreate(serviceUrlText, UriKind.Absolute, out serviceUrl) || serviceUrl.Scheme is not ("http" or "https") || serviceUrl.UserInfo.Length > 0))
        {
            errors.Add("serviceUrl", "'serviceUrl' must be an absolute http or https URL without credentials, e.g. https://s3.example.com.");
        }
        else if (serviceUrl is not null && network.CheckHost(S3Destination.TypeName, serviceUrl.DnsSafeHost, "serviceUrl") is { } refused)
        {
            errors.Add("serviceUrl", refused);
        }

        var accessKeyId = JsonSettings.String(config, "accessKeyId", errors);
        var secretAccessKey = JsonSettings.String(config, "secretAccessKey", errors);
        if ((accessKeyId is null) != (secretAccessKey is null) && !errors.Has("accessKeyId") && !errors.Has("secretAccessKey"))
        {
            errors.Add(accessKeyId is null ? "accessKeyId" : "secretAccessKey", "Set both 'accessKeyId' and 'secretAccessKey', or neither to use the SDK's default credentials.");
        }

        var settings = new S3DestinationSettings
        {
            Bucket = bucket ?? string.Empty,
            Path = path,
            Region = region,
            ServiceUrl = serviceUrl,
            ForcePathStyle = JsonSettings.Bool(config, "forcePathStyle", errors) ?? false,
            AccessKeyId = accessKeyId,
            SecretAccessKey = secretAccessKey,
            SessionToken = JsonSettings.String(config, "sessionToken", errors),
            // S3-compatible stores often keep aws-chunked framing inside the object; plain bodies work everywhere.
            UseChunkEncoding = JsonSettings.Bool(config, "useChunkEncoding", errors) ?? serviceUrl is null,
            PartSizeMb = JsonSettings.Int(config, "partSizeMb", errors, 5, 5120) ?? S3DestinationSettings.DefaultPartSizeMb,
            MaxConcurrency = JsonSettings.Int(config, "maxConcurrency", errors, 1, S3DestinationSettings.MaxMaxConcurrency) ?? S3DestinationSettings.DefaultMaxConcurrency,
        };
        return errors.ToDictionary().Count == before ? settings : null;
    }
}
