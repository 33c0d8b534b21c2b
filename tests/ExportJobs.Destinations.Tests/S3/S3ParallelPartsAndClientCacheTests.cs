using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>Parts in flight (<c>maxConcurrency</c>) and the client cache of the s3 destination, against s3rver.</summary>
[Collection(DestinationServers.Name)]
public sealed class S3ParallelPartsAndClientCacheTests(S3rverServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
    }

    [Fact]
    public async Task Deliver_FourPartsWithFourInFlight_ReadsBackByteIdentical()
    {
        using var file = await ExportFile.CreateAsync(16 * Mib, seed: 7);
        var config = Config();
        config["maxConcurrency"] = 4;

        await _harness.DeliverAsync(file, "s3", config);

        Assert.True(file.Length > 15 * Mib, "The file is not four parts.");
        using var stored = await _client.GetObjectAsync(_bucket, "products.csv");
        Assert.Equal(file.Length, stored.ContentLength);
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
    }

    [Fact]
    public async Task Deliver_SourceFailsAfterTwoAndAHalfPartsWithPartsInFlight_LeavesNoObjectAndAbortsTheUpload()
    {
        using var file = await ExportFile.CreateAsync(16 * Mib, seed: 8);
        var config = Config();
        config["maxConcurrency"] = 3;
        var failed = 0;
        var delivery = FailingDelivery.Create(file, "s3", config, failAfterBytes: 25 * Mib / 2, failed: () => Interlocked.Exchange(ref failed, 1));

        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Get("s3").DeliverAsync(delivery, CancellationToken.None));

        Assert.Equal(1, failed);
        Assert.Empty(await KeysAsync());
        // The abort was attempted; s3rver implements neither AbortMultipartUpload (405) nor ListMultipartUploads.
        Assert.Contains(_harness.Logs.Entries, e => e.Contains("the failed multipart upload to s3://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_SameSettingsTwice_ReusesOneClient_ChangedCredentialsGetANewOneAndTheOldIsDisposed()
    {
        var destination = (S3Destination)_harness.Get("s3");
        using var file = await ExportFile.CreateAsync(10_000);

        await _harness.DeliverAsync(file, "s3", Config());
        await _harness.DeliverAsync(file, "s3", Config(), fileName: "again.csv");
        Assert.Equal(1, destination.Clients.Created);
        Assert.Equal(0, destination.Clients.Disposed);

        var changed = Config();
        changed["secretAccessKey"] = S3rverServer.SecretAccessKey + "-rotated";
        await Record.ExceptionAsync(() => _harness.DeliverAsync(file, "s3", changed, fileName: "rotated.csv"));
        Assert.Equal(2, destination.Clients.Created);
        Assert.Equal(1, destination.Clients.Disposed);
        Assert.Equal(1, destination.Clients.Count);

        _harness.Dispose();
        Assert.Equal(2, destination.Clients.Disposed);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Contains(S3rverServer.SecretAccessKey + "-rotated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Validate_MaxConcurrencyOutOfRange_IsRejectedOnTheField(int value)
    {
        var config = Config();
        config["maxConcurrency"] = value;

        var errors = _harness.Validate("s3", config);

        var message = Assert.Single(Assert.Single(errors, e => e.Key == "destinationConfig.maxConcurrency").Value);
        Assert.Contains("from 1 to 16", message, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config()
    {
        var config = server.DestinationConfig(_bucket);
        config["partSizeMb"] = 5;
        return config;
    }

    private async Task<List<string>> KeysAsync() =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];
}
