namespace ExportJobs.Destinations.S3;

/// <summary>The <c>destinationConfig</c> of an <c>s3</c> job, read and checked by <see cref="S3DestinationSettingsValidator"/>.</summary>
internal sealed record S3DestinationSettings
{
    public const int DefaultPartSizeMb = 16;

    public const int DefaultMaxConcurrency = 4;

    public const int MaxMaxConcurrency = 16;

    public required string Bucket { get; init; }

    public string? Path { get; init; }

    public string? Region { get; init; }

    public Uri? ServiceUrl { get; init; }

    public bool ForcePathStyle { get; init; }

    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    public string? SessionToken { get; init; }

    /// <summary>Whether uploads use the SDK's aws-chunked encoding (default: only without <c>serviceUrl</c>); some S3-compatible stores store the chunk framing inside the object.</summary>
    public bool UseChunkEncoding { get; init; } = true;

    /// <summary>
    /// Whether uploads send an unsigned payload (<c>UNSIGNED-PAYLOAD</c>): over https (AWS, or an https
    /// <c>serviceUrl</c>), where TLS protects the body and the signed <c>Content-MD5</c> and <c>x-amz-checksum-sha256</c>
    /// headers let the store check it, the SDK then neither signs nor hashes the body once more. Over http the payload
    /// is signed (SigV4 requires it there).
    /// </summary>
    public bool UnsignedPayload => ServiceUrl is null || ServiceUrl.Scheme == Uri.UriSchemeHttps;

    public int PartSizeMb { get; init; } = DefaultPartSizeMb;

    /// <summary>Parts of a multipart upload in flight at once.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>Identifies the client these settings need (endpoint, region, addressing, credentials) without revealing them.</summary>
    public string ClientKey => Common.ClientKey.Of(ServiceUrl?.ToString(), Region, ForcePathStyle ? "path" : "host", UseChunkEncoding ? "chunked" : "plain", AccessKeyId, SecretAccessKey, SessionToken);

    public string Describe(string key) => $"s3://{Bucket}/{key}";
}
