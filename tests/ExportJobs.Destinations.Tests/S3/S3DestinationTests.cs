using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

[Collection(DestinationServers.Name)]
public sealed class S3DestinationTests(S3rverServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _secrets = [S3rverServer.SecretAccessKey];
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_SmallFile_StoredObjectHasTheSameSha256(bool gzip)
    {
        using var file = await ExportFile.CreateAsync(200_000, gzip);

        var result = await _harness.DeliverAsync(file, "s3", Config(), gzip: gzip);

        var key = gzip ? "exports/products.csv.gz" : "exports/products.csv";
        Assert.Equal($"s3://{_bucket}/{key}", result.DestinationPath);
        using var stored = await _client.GetObjectAsync(_bucket, key);
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
        Assert.Equal(file.Length, stored.ContentLength);
        Assert.Equal(gzip ? "gzip" : null, stored.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Deliver_FileLargerThanOnePart_MultipartObjectHasTheSameSha256()
    {
        using var file = await ExportFile.CreateAsync(12L * 1024 * 1024);

        await _harness.DeliverAsync(file, "s3", Config(partSizeMb: 5));

        using var stored = await _client.GetObjectAsync(_bucket, "exports/products.csv");
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
    }

    [Fact]
    public async Task Deliver_WrongCredentials_FailsNamingTheCredentialsAndLeavesNoObject()
    {
        // s3rver checks the access key id but not SigV4 signatures, so the id is wrong too.
        using var file = await ExportFile.CreateAsync(10_000);
        var wrong = "wrong-secret-" + Guid.NewGuid().ToString("N");
        _secrets.Add(wrong);
        var config = Config();
        config["accessKeyId"] = "AKIAWRONGKEYID";
        config["secretAccessKey"] = wrong;

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.Contains("rejected the credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Deliver_MissingBucket_FailsNamingTheBucket()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config["bucket"] = "no-such-bucket";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.Contains("bucket 'no-such-bucket' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ServerDown_FailsSayingItCouldNotConnect()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        using var down = LoopbackPorts.ReserveClosed();
        var config = Config();
        config["serviceUrl"] = $"http://127.0.0.1:{down.Port}";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.Contains("Could not connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ConnectionDroppedDuringMultipartUpload_AbortsAndLeavesNoObject()
    {
        using var file = await ExportFile.CreateAsync(11L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new DropAfterBytes(byteLimit: 2 * 1024 * 1024));
        var config = Config(partSizeMb: 5);
        config["serviceUrl"] = $"http://127.0.0.1:{proxy.Port}";

        await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.True(proxy.DroppedConnections > 0);
        Assert.Empty(await KeysAsync());
        // The abort was attempted; s3rver answers AbortMultipartUpload with 405, AWS S3 removes the parts.
        Assert.Contains(_harness.Logs.Entries, e => e.Contains("the failed multipart upload to s3://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TestConnection_ValidSettings_PassesBucketAndWriteChecksAndLeavesNothing()
    {
        var result = await _harness.Get("s3").TestConnectionAsync(Config(), CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Checks));
        Assert.Equal(["bucket", "write"], result.Checks.Select(c => c.Name));
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task TestConnection_MissingBucket_FailsTheBucketCheck()
    {
        var config = Config();
        config["bucket"] = "no-such-bucket";

        var result = await _harness.Get("s3").TestConnectionAsync(config, CancellationToken.None);

        var check = Assert.Single(result.Checks);
        Assert.False(check.Success);
        Assert.Contains("does not exist", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSettings_ReportsEveryFieldAtOnce()
    {
        var errors = _harness.Validate("s3", new JsonObject { ["serviceUrl"] = "ftp://x", ["accessKeyId"] = "A", ["partSizeMb"] = 1, ["buckt"] = "x" });

        Assert.Equal(
            ["destinationConfig.bucket", "destinationConfig.buckt", "destinationConfig.partSizeMb", "destinationConfig.secretAccessKey", "destinationConfig.serviceUrl"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone(_secrets);
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config(int? partSizeMb = null)
    {
        var config = server.DestinationConfig(_bucket, "exports");
        if (partSizeMb is not null)
        {
            config["partSizeMb"] = partSizeMb;
        }

        return config;
    }

    private async Task<List<string>> KeysAsync() =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];
}
