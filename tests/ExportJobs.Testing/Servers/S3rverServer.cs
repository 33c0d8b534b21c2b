namespace ExportJobs.Testing.Servers;

/// <summary>The npm <c>s3rver</c> S3-compatible server on a free 127.0.0.1 port, path-style, credentials S3RVER/S3RVER.</summary>
public sealed class S3rverServer() : NpmServer("s3rver")
{
    /// <summary>s3rver's fixed access key id.</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>s3rver's fixed secret access key.</summary>
    public const string SecretAccessKey = "S3RVER";

    /// <summary>The service URL for <c>serviceUrl</c>.</summary>
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <inheritdoc/>
    protected override IEnumerable<string> Arguments(string dataFolder, int port) =>
        ["-d", dataFolder, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets"];

    /// <inheritdoc/>
    protected override string ListeningLine(int port) => FormattableString.Invariant($"S3rver listening on 127.0.0.1:{port}");
}
