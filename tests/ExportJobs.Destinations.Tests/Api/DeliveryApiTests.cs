using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Destinations.Webhook;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Api;

/// <summary>Through the HTTP API: create a job, trigger it, read the delivered file back with an independent client.</summary>
[Collection(DestinationServers.Name)]
public sealed class DeliveryApiTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd)
    : IAsyncLifetime
{
    private const string WebhookSecret = "whsec-delivery-0123456789";
    private readonly string _bucket = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _secrets = [WebhookSecret, AzuriteServer.AccountKey, S3rverServer.SecretAccessKey];
    private DestinationApiHost _host = null!;
    private AmazonS3Client _s3 = null!;
    private BlobContainerClient _blobs = null!;

    public async Task InitializeAsync()
    {
        _secrets.Add(sshd.Password);
        _host = await DestinationApiHost.StartAsync();
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        _blobs = new BlobContainerClient(azurite.ConnectionString, _container);
        await _blobs.CreateAsync();
    }

    public static TheoryData<string, bool> Cases => new()
    {
        { "s3", false }, { "s3", true }, { "azure-blob", false }, { "azure-blob", true }, { "sftp", false }, { "sftp", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Trigger_DeliveredFileReadBackIndependently_MatchesTheRunsChecksumCountAndSize(string type, bool compress)
    {
        var job = await CreateAsync(type, Config(type), compress);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        Assert.Equal(DestinationApiHost.RecordCount, run["recordCount"]!.GetValue<long>());
        var (sha256, size) = await ReadBackAsync(type, run);
        Assert.Equal(run["checksum"]!.GetValue<string>(), sha256);
        Assert.Equal(run["fileSize"]!.GetValue<long>(), size);
        Assert.Equal(compress, run["fileName"]!.GetValue<string>().EndsWith(".gz", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trigger_Webhook_ReceivedBodyMatchesTheRunAndTheSignatureVerifies(bool compress)
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var job = await CreateAsync("webhook", new JsonObject { ["url"] = receiver.Url, ["secret"] = WebhookSecret }, compress);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        Assert.Equal(DestinationApiHost.RecordCount, run["recordCount"]!.GetValue<long>());
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(run["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        Assert.Equal(run["fileSize"]!.GetValue<long>(), request.Body.Length);
        Assert.Equal(compress ? "gzip" : null, request.Headers.GetValueOrDefault("Content-Encoding"));
        Assert.Equal(run["id"]!.GetValue<string>(), request.Headers[WebhookHeaders.RunId]);
        var timestamp = long.Parse(request.Headers[WebhookHeaders.Timestamp], CultureInfo.InvariantCulture);
        Assert.True(await WebhookSignature.VerifyAsync(WebhookSecret, timestamp, new MemoryStream(request.Body), request.Headers[WebhookHeaders.Signature]));
    }

    [Fact]
    public async Task Trigger_WebhookAnswers500ThenSucceeds_RunSucceedsOnTheRetry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 200);
        var job = await CreateAsync("webhook", new JsonObject { ["url"] = receiver.Url, ["secret"] = WebhookSecret });

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(run["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(receiver.Requests[1].Body)));
    }

    [Fact]
    public async Task Trigger_WrongS3Credentials_RunFailsWithAClearErrorAndNoObject()
    {
        var config = Config("s3");
        config["accessKeyId"] = "AKIAWRONG";
        config["secretAccessKey"] = "wrong-secret-" + Guid.NewGuid().ToString("N");
        _secrets.Add((string)config["secretAccessKey"]!);
        var job = await CreateAsync("s3", config);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("rejected the credentials", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _s3.ListObjectsV2Async(new() { BucketName = _bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task Trigger_MissingContainer_RunFailsNamingTheContainer()
    {
        var config = Config("azure-blob");
        config["container"] = "missing-container";
        var job = await CreateAsync("azure-blob", config);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("container 'missing-container' does not exist", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_SftpHostKeyMismatch_RunFailsAndNothingIsWritten()
    {
        var config = Config("sftp");
        config["hostKeyFingerprint"] = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var job = await CreateAsync("sftp", config);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("does not match 'hostKeyFingerprint'", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var client = sshd.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        Assert.False(await client.ExistsAsync($"{SshdServer.Home}/{_folder}"));
    }

    [Fact]
    public async Task Trigger_ServerDown_RunFailsSayingItCouldNotConnect()
    {
        using var down = LoopbackPorts.ReserveClosed();
        var config = Config("sftp");
        config["port"] = down.Port;
        var job = await CreateAsync("sftp", config);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("Could not connect", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _host.Logs.AssertContainsNone(_secrets);
        await _host.DisposeAsync();
        _s3.Dispose();
    }

    private async Task<string> CreateAsync(string type, JsonObject config, bool compress = false)
    {
        var response = await _host.PostAsync("/export-jobs", DestinationApiHost.Job(type, config, compress));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var job = await DestinationApiHost.ReadAsync(response);
        Assert.DoesNotContain(sshd.Password, job.ToJsonString(), StringComparison.Ordinal);
        return job["id"]!.GetValue<string>();
    }

    private async Task<(string Sha256, long Size)> ReadBackAsync(string type, JsonObject run)
    {
        var path = run["destinationPath"]!.GetValue<string>();
        var fileName = run["fileName"]!.GetValue<string>();
        switch (type)
        {
            case "s3":
                Assert.Equal($"s3://{_bucket}/exports/{fileName}", path);
                using (var stored = await _s3.GetObjectAsync(_bucket, $"exports/{fileName}"))
                {
                    await using var copy = new MemoryStream();
                    await stored.ResponseStream.CopyToAsync(copy);
                    return (Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())), copy.Length);
                }

            case "azure-blob":
                Assert.Equal($"{azurite.BlobEndpoint}/{_container}/exports/{fileName}", path);
                var content = (await _blobs.GetBlobClient($"exports/{fileName}").DownloadContentAsync()).Value.Content.ToArray();
                return (Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
            default:
                var remote = $"{SshdServer.Home}/{_folder}/{fileName}";
                Assert.Equal($"sftp://127.0.0.1:{sshd.Port}{remote}", path);
                using (var client = sshd.CreateClient())
                {
                    await client.ConnectAsync(CancellationToken.None);
                    await using var copy = new MemoryStream();
                    await client.DownloadFileAsync(remote, copy, CancellationToken.None);
                    return (Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())), copy.Length);
                }
        }
    }

    private JsonObject Config(string type) => type switch
    {
        "s3" => s3.DestinationConfig(_bucket, "exports"),
        "azure-blob" => new JsonObject { ["container"] = _container, ["path"] = "exports", ["connectionString"] = azurite.ConnectionString },
        _ => sshd.DestinationConfig(_folder),
    };
}
