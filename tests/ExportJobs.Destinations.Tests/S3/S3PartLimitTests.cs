using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// S3's 10,000-part limit is one check for every path: a whole file (delivered or staged) that needs more parts of
/// <c>partSizeMb</c> is refused before any request; a streamed one as soon as the bytes written exceed it, with the same
/// error, and its upload is aborted. Requests are seen through a <see cref="LoopbackProxy"/> in front of s3rver.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class S3PartLimitTests(S3rverServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private const long TooLarge = (10_000 * 5 * Mib) + 1; // one byte more than 10,000 parts of 5 MiB
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "limit-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
    }

    private S3Destination Destination => (S3Destination)_harness.Get("s3");

    [Fact]
    public async Task Deliver_FileNeedingMoreThan10000Parts_FailsNamingPartSizeMb_BeforeAnyRequest()
    {
        using var file = await ExportFile.CreateAsync(64 * 1024, seed: 51);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "s3", Config(proxy.Port), length: TooLarge);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => Destination.DeliverAsync(delivery, CancellationToken.None));

        Assert.Equal($"s3://{_bucket}/products.csv: the file (52,428,800,001 bytes) needs more than S3's 10,000 parts of 5 MiB ('partSizeMb'). Raise 'partSizeMb' to at least 6 (at most 5,120). Nothing was published.", error.Message);
        Assert.Empty(requests.Lines);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Stage_FileNeedingMoreThan10000Parts_FailsTheSameWay_BeforeAnyRequest()
    {
        using var file = await ExportFile.CreateAsync(64 * 1024, seed: 52);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "s3", Config(proxy.Port), length: TooLarge);
        await using var staging = await Destination.BeginStagingAsync(delivery.Job, delivery.RunId, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => staging!.StageAsync(delivery, CancellationToken.None));

        Assert.StartsWith($"s3://{_bucket}/products.csv: the file (52,428,800,001 bytes) needs more than S3's 10,000 parts of 5 MiB ('partSizeMb').", error.Message, StringComparison.Ordinal);
        Assert.Empty(requests.Lines);
    }

    [Fact]
    public async Task Stream_BytesWrittenExceedTheLimit_FailsWithTheSameError_AndAbortsTheUpload()
    {
        Destination.PartLimit = UploadLimit.S3Parts with { MaxPieces = 2 }; // two parts of 5 MiB; the file has three
        using var file = await ExportFile.CreateAsync(12 * Mib, seed: 53);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port)) { FileName = "products.csv" };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, file.Length);
        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Matches($@"^s3://{_bucket}/products\.csv: the file \([\d,]+ bytes so far, still being written\) needs more than S3's 2 parts of 5 MiB \('partSizeMb'\)\. Raise 'partSizeMb' to at least \d+ \(more as the file grows\) \(at most 5,120\)\. Nothing was published\.$", error.Message);
        Assert.Empty(requests.Matching("POST", "uploadId=")); // never completed
        Assert.NotEmpty(requests.Matching("DELETE", "uploadId=")); // the multipart upload was aborted
        Assert.Empty(await KeysAsync());
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private System.Text.Json.Nodes.JsonObject Config(int port)
    {
        var config = server.DestinationConfig(_bucket);
        config["serviceUrl"] = $"http://127.0.0.1:{port}";
        config["partSizeMb"] = 5;
        return config;
    }

    private async Task<List<string>> KeysAsync() =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];
}
