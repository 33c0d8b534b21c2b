namespace ExportJobs.Testing.Servers;

/// <summary>Microsoft's Azurite blob emulator on a free 127.0.0.1 port, addressed by an explicit connection string.</summary>
public sealed class AzuriteServer() : NpmServer("azurite-blob")
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public; treated as a secret by the tests all the same).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The blob endpoint of the development account.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>A connection string for the development account on this server.</summary>
    public string ConnectionString => ConnectionStringFor(Port, AccountKey);

    /// <summary>A connection string for the development account on any port, with any key.</summary>
    /// <param name="port">The port.</param>
    /// <param name="accountKey">The account key (base64).</param>
    public static string ConnectionStringFor(int port, string accountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey};BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";

    /// <inheritdoc/>
    protected override IEnumerable<string> Arguments(string dataFolder, int port) =>
        ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", dataFolder, "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent"];

    /// <inheritdoc/>
    protected override string ListeningLine(int port) => FormattableString.Invariant($"Azurite Blob service successfully listens on http://127.0.0.1:{port}");
}
