using Xunit;

namespace ExportJobs.Testing.Servers;

/// <summary>The npm <c>s3rver</c> S3-compatible server on a free 127.0.0.1 port, path-style, credentials S3RVER/S3RVER.</summary>
public sealed class S3rverServer : IAsyncLifetime
{
    /// <summary>s3rver's fixed access key id.</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>s3rver's fixed secret access key.</summary>
    public const string SecretAccessKey = "S3RVER";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("exportjobs-s3rver-");
    private ServerProcess? _process;

    /// <summary>The port it listens on.</summary>
    public int Port { get; } = LoopbackPorts.GetFree();

    /// <summary>The service URL for <c>serviceUrl</c>.</summary>
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts the server.</summary>
    public async Task InitializeAsync() =>
        _process = await ServerProcess.StartAsync(
            "s3rver",
            RepositoryPaths.NpmTool("s3rver"),
            ["-d", _data.FullName, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets"],
            Port,
            RepositoryPaths.InstallHint);

    /// <summary>Stops the server and deletes its data.</summary>
    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _data.Delete(recursive: true);
    }
}
