using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// Where the parent's s3rver and Azurite listen (0: not started), handed to each child process: job settings, the
/// independent clients that read uploads back, and the bucket and container every side writes to; and the servers'
/// process ids, whose CPU time each side reads (<see cref="CpuTime"/>).
/// </summary>
internal sealed record Endpoints(int S3Port, int AzurePort, int S3ProcessId = 0, int AzureProcessId = 0)
{
    public const string S3 = "s3";

    public const string Azure = "azure-blob";

    public const string Bucket = "bench";

    public const string Container = "bench";

    public string AzureConnectionString => AzuriteServer.ConnectionStringFor(AzurePort, AzuriteServer.AccountKey);

    /// <summary>Starts the servers <paramref name="targets"/> need on free loopback ports, as the tests' fixtures do, with the bucket and container.</summary>
    public static async Task<(Endpoints Endpoints, IAsyncDisposable Servers)> StartAsync(IReadOnlyCollection<string> targets)
    {
        var servers = new Servers();
        if (targets.Contains(S3))
        {
            servers.S3 = new S3rverServer();
            await servers.S3.InitializeAsync();
        }

        if (targets.Contains(Azure))
        {
            servers.Azure = new AzuriteServer();
            await servers.Azure.InitializeAsync();
        }

        var endpoints = new Endpoints(servers.S3?.Port ?? 0, servers.Azure?.Port ?? 0, servers.S3?.ProcessId ?? 0, servers.Azure?.ProcessId ?? 0);
        if (servers.S3 is not null)
        {
            using var client = endpoints.S3Client();
            await client.PutBucketAsync(Bucket);
        }

        if (servers.Azure is not null)
        {
            await endpoints.BlobContainer().CreateAsync();
        }

        return (endpoints, servers);
    }

    /// <summary>
    /// The job's <c>destinationConfig</c> for <paramref name="target"/>: the destination's defaults, pointed at the local
    /// server, with the settings of <c>EXPORTJOBS_BENCH_S3_CONFIG</c> / <c>EXPORTJOBS_BENCH_AZURE_CONFIG</c> (a JSON
    /// object, for trying other part sizes or parts in flight; the published figures use the defaults) laid over them.
    /// </summary>
    public JsonObject DestinationConfig(string target)
    {
        var config = DefaultConfig(target);
        var overrides = Environment.GetEnvironmentVariable(target == S3 ? "EXPORTJOBS_BENCH_S3_CONFIG" : "EXPORTJOBS_BENCH_AZURE_CONFIG");
        if (!string.IsNullOrWhiteSpace(overrides))
        {
            foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
            {
                config[name] = value?.DeepClone();
            }
        }

        return config;
    }

    private JsonObject DefaultConfig(string target) => target switch
    {
        S3 => new JsonObject
        {
            ["bucket"] = Bucket,
            ["serviceUrl"] = $"http://127.0.0.1:{S3Port}",
            ["forcePathStyle"] = true,
            ["accessKeyId"] = S3rverServer.AccessKeyId,
            ["secretAccessKey"] = S3rverServer.SecretAccessKey,
            ["useChunkEncoding"] = false,                                     // s3rver stores aws-chunked framing as data
        },
        Azure => new JsonObject { ["container"] = Container, ["connectionString"] = AzureConnectionString },
        _ => throw new ArgumentException($"Unknown target '{target}' (s3 or azure-blob).", nameof(target)),
    };

    /// <summary>
    /// An S3 client for s3rver: path-style, request/response checksums only where required (s3rver has no flexible
    /// checksums) and plain bodies (<see cref="PlainBodyS3Client"/>). Everything else is the SDK's default.
    /// </summary>
    public AmazonS3Client S3Client() =>
        new PlainBodyS3Client(
            new BasicAWSCredentials(S3rverServer.AccessKeyId, S3rverServer.SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = $"http://127.0.0.1:{S3Port}",
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

    /// <summary>The process id of <paramref name="target"/>'s server (0: none, for the local side).</summary>
    public int ServerProcessId(string? target) => target switch { S3 => S3ProcessId, Azure => AzureProcessId, _ => 0 };

    public BlobContainerClient BlobContainer() => new(AzureConnectionString, Container);

    /// <summary>Downloads what <paramref name="target"/> holds under <paramref name="key"/>, returns its SHA-256 (lower-case hex) and deletes it.</summary>
    public async Task<string> ReadBackAndDeleteAsync(string target, string key)
    {
        string sha256;
        if (target == S3)
        {
            using var client = S3Client();
            using (var response = await client.GetObjectAsync(Bucket, key))
            {
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(response.ResponseStream));
            }

            await client.DeleteObjectAsync(Bucket, key);
            return sha256;
        }

        var blob = BlobContainer().GetBlobClient(key);
        await using (var stream = await blob.OpenReadAsync())
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        }

        await blob.DeleteAsync();
        return sha256;
    }

    private sealed class Servers : IAsyncDisposable
    {
        public S3rverServer? S3 { get; set; }

        public AzuriteServer? Azure { get; set; }

        public async ValueTask DisposeAsync()
        {
            await (S3?.DisposeAsync() ?? Task.CompletedTask);
            await (Azure?.DisposeAsync() ?? Task.CompletedTask);
        }
    }
}
