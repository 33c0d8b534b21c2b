using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// Streaming delivery to s3rver (destination contract v2): the test plays the run's side with a
/// <see cref="StreamingDeliveryFeed"/>, the requests go through a <see cref="LoopbackProxy"/> that records them
/// (<see cref="HttpRequestLog"/>), and an independent SDK client reads the object back.
/// </summary>
/// <remarks>
/// s3rver implements neither ListMultipartUploads nor AbortMultipartUpload (it answers NotImplemented / 405), so "the
/// multipart upload was aborted" is shown on the wire: a DELETE with the upload's own id was sent, and no
/// CompleteMultipartUpload; "no visible object" by listing the bucket. AWS S3 removes an aborted upload's parts.
/// </remarks>
[Collection(DestinationServers.Name)]
public sealed partial class S3StreamingDeliveryTests(S3rverServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "stream-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentQueue<int> _stored = new();
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
        Destination.PartStored = _stored.Enqueue;
    }

    private S3Destination Destination => (S3Destination)_harness.Get("s3");

    [Theory]
    [InlineData(12, false)] // three 5 MiB parts, the last one short
    [InlineData(24, true)]  // gzip: several parts of compressed bytes
    [InlineData(3, false)]  // less than a part: one PutObject once finished
    [InlineData(1, true)]
    public async Task Stream_StoresExactlyTheFile_AsAnIndependentClientReadsItBack(int approximateMib, bool gzip)
    {
        using var file = await ExportFile.CreateAsync(approximateMib * Mib, gzip, seed: approximateMib);
        var expectedParts = file.Length > 5 * Mib ? (int)((file.Length + 5 * Mib - 1) / (5 * Mib)) : 0;
        Assert.True(approximateMib < 10 || expectedParts > 1, $"The file ({file.Length} bytes) is not several parts.");
        await using var feed = new StreamingDeliveryFeed("s3", Config(server.Port)) { FileName = gzip ? "products.csv.gz" : "products.csv", ContentEncoding = gzip ? "gzip" : null };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, file.Length);
        var summary = await feed.CompleteAsync();
        var result = await delivering.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal((file.Length, file.Sha256), (summary.Length, summary.Sha256));
        Assert.Equal($"s3://{_bucket}/{feed.FileName}", result.DestinationPath);
        Assert.Equal(expectedParts, _stored.Count);
        using var stored = await _client.GetObjectAsync(_bucket, feed.FileName);
        Assert.Equal(summary.Length, stored.ContentLength);
        Assert.Equal(summary.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
        Assert.Equal(gzip ? "gzip" : null, stored.Headers.ContentEncoding);
        Assert.Equal(feed.RunId, stored.Metadata["run-id"]);
    }

    [Fact]
    public async Task Stream_ThreePartsWritten_AreStoredBeforeTheFileIsFinished_CompletedOnlyAfter()
    {
        using var file = await ExportFile.CreateAsync(17 * Mib, seed: 21);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port)) { FileName = "products.csv" };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 15 * Mib);
        await Feeding.UntilAsync(() => Task.FromResult(_stored.Count == 3), "three parts were stored", delivering);

        Assert.False(feed.Delivery.IsComplete);
        Assert.Empty(requests.Matching("POST", "uploadId=")); // not completed
        Assert.Empty(await KeysAsync());
        await feed.FeedAsync(file, 15 * Mib, file.Length);
        var summary = await feed.CompleteAsync();
        await delivering.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal([1, 2, 3, 4], _stored.Order());
        Assert.Single(requests.Matching("POST", "uploadId="));
        using var stored = await _client.GetObjectAsync(_bucket, "products.csv");
        Assert.Equal(summary.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
    }

    [Fact]
    public async Task Stream_ExportFailsWithPartsStored_AbortsTheUpload_NoObject()
    {
        using var file = await ExportFile.CreateAsync(12 * Mib, seed: 22);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port)) { FileName = "products.csv" };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 11 * Mib);
        await Feeding.UntilAsync(() => Task.FromResult(_stored.Count == 2), "two parts were stored", delivering);
        feed.Fail(new InvalidOperationException("The record source failed (test)."));

        var error = await Assert.ThrowsAsync<ExportStreamAbortedException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("The record source failed (test).", error.InnerException?.Message);
        AssertAborted(requests);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Stream_ServerDropsTheConnectionInTheMiddleOfAPart_AbortsTheUpload_NoObject()
    {
        using var file = await ExportFile.CreateAsync(16 * Mib, seed: 23);
        var requests = new HttpRequestLog(drop: line => line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains("partNumber=2&", StringComparison.Ordinal), dropAfterBodyBytes: 2 * Mib);
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port)) { FileName = "products.csv" };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 16 * Mib); // three parts written, the file not finished

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.True(requests.Dropped > 0, "The proxy cut no part.");
        Assert.False(feed.Delivery.IsComplete);
        Assert.Contains("the S3 service at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        AssertAborted(requests);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Stream_CancelledWithPartsStored_AbortsTheUpload_NoObject()
    {
        using var file = await ExportFile.CreateAsync(12 * Mib, seed: 24);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port)) { FileName = "products.csv" };
        using var cancel = new CancellationTokenSource();

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, cancel.Token);
        await feed.FeedAsync(file, 0, 11 * Mib);
        await Feeding.UntilAsync(() => Task.FromResult(_stored.Count == 2), "two parts were stored", delivering);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        AssertAborted(requests);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Stream_PublishCheckRefuses_AbortsTheUpload_NoObject()
    {
        using var file = await ExportFile.CreateAsync(7 * Mib, seed: 25);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("s3", Config(proxy.Port), new DeliveryHooks(null, _ => throw new OperationCanceledException("Another host owns the run (test).")))
        {
            FileName = "products.csv",
        };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAllAsync(file);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        AssertAborted(requests);
        Assert.Empty(await KeysAsync());
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([S3rverServer.SecretAccessKey + "x"]);
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A DELETE with the id the parts were uploaded under was sent, and no CompleteMultipartUpload.</summary>
    private static void AssertAborted(HttpRequestLog requests)
    {
        var uploadIds = requests.Matching("PUT", "uploadId=").Select(l => UploadId().Match(l).Groups[1].Value).Distinct().ToList();
        var uploadId = Assert.Single(uploadIds);
        Assert.Single(requests.Matching("DELETE", "uploadId=" + uploadId));
        Assert.Empty(requests.Matching("POST", "uploadId="));
    }

    [GeneratedRegex("uploadId=([^& ]+)")]
    private static partial Regex UploadId();

    private JsonObject Config(int port)
    {
        var config = server.DestinationConfig(_bucket);
        config["serviceUrl"] = $"http://127.0.0.1:{port}";
        config["partSizeMb"] = 5;
        return config;
    }

    private async Task<List<string>> KeysAsync() =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];
}
