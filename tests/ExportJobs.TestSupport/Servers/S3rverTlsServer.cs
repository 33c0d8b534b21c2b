namespace ExportJobs.Testing.Servers;

/// <summary>
/// The npm <c>s3rver</c> server over TLS (https) on a free 127.0.0.1 port, with the PEM key and certificate given (a
/// test makes them: a self-signed certificate for 127.0.0.1, trusted only by its own client).
/// </summary>
/// <param name="keyPath">The private key (PEM).</param>
/// <param name="certificatePath">The certificate (PEM).</param>
public sealed class S3rverTlsServer(string keyPath, string certificatePath) : NpmServer("s3rver")
{
    /// <summary>The https service URL for <c>serviceUrl</c>.</summary>
    public Uri ServiceUrl => new($"https://127.0.0.1:{Port}");

    /// <inheritdoc/>
    protected override IEnumerable<string> Arguments(string dataFolder, int port) =>
        [.. S3rverServer.ArgumentsFor(dataFolder, port), "--key", keyPath, "--cert", certificatePath];

    /// <inheritdoc/>
    protected override string ListeningLine(int port) => S3rverServer.ListeningLineFor(port);
}
