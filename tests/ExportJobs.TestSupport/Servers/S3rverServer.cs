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

    /// <summary>s3rver's arguments: path-style, quiet, on 127.0.0.1:<paramref name="port"/>, data in <paramref name="dataFolder"/>.</summary>
    /// <param name="dataFolder">The data folder.</param>
    /// <param name="port">The port.</param>
    public static IEnumerable<string> ArgumentsFor(string dataFolder, int port) =>
        ["-d", dataFolder, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets"];

    /// <summary>What s3rver prints once it listens on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The port.</param>
    public static string ListeningLineFor(int port) => FormattableString.Invariant($"S3rver listening on 127.0.0.1:{port}");

    /// <inheritdoc/>
    protected override IEnumerable<string> Arguments(string dataFolder, int port) => ArgumentsFor(dataFolder, port);

    /// <inheritdoc/>
    protected override string ListeningLine(int port) => ListeningLineFor(port);
}
