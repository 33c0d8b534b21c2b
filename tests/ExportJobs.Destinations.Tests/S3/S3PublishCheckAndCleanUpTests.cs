using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// The s3 destination's clean-up edges, against s3rver through a <see cref="LoopbackProxy"/> that sees every request:
/// a stored-length check that fails after the object became visible removes it; discarding a staged file honours the
/// library's clean-up budget; host disposal waits for the deliveries still using the shared HTTP handler.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class S3PublishCheckAndCleanUpTests(S3rverServer server) : IAsyncLifetime
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
    public async Task PublishStaged_HeadCheckFailsAfterTheUploadWasCompleted_RemovesTheObjectAndSaysSo()
    {
        using var file = await ExportFile.CreateAsync(6 * Mib);
        var requests = new HttpRequestLog(drop: IsHead);
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "s3", Config(proxy.Port));
        await using var staging = (await _harness.Get("s3").BeginStagingAsync(delivery.Job, delivery.RunId, CancellationToken.None))!;
        var staged = await staging.StageAsync(delivery, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => staged.PublishAsync(CancellationToken.None));

        Assert.Single(requests.Matching("POST", "uploadId=")); // completed: the object was visible
        Assert.True(requests.Dropped > 0, "No HEAD was cut.");
        Assert.Contains("was published, but reading back what the store holds failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("The object was removed.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Theory]
    [InlineData(300_000L)]
    [InlineData(6 * Mib)]
    public async Task Deliver_HeadCheckFailsAfterTheObjectBecameVisible_RemovesTheObject(long size)
    {
        using var file = await ExportFile.CreateAsync(size);
        var requests = new HttpRequestLog(drop: IsHead);
        await using var proxy = new LoopbackProxy(server.Port, requests);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", Config(proxy.Port)));

        Assert.Contains("The object was removed.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task DiscardStaged_WithTheLibrarysCleanUpBudgetSpent_SendsNoAbort_WithBudgetLeft_SendsIt()
    {
        using var file = await ExportFile.CreateAsync(6 * Mib);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var config = Config(proxy.Port);
        var first = DestinationHarness.Delivery(file, "s3", config, fileName: "first.csv");
        var second = DestinationHarness.Delivery(file, "s3", config, fileName: "second.csv");
        await using var staging = (await _harness.Get("s3").BeginStagingAsync(first.Job, first.RunId, CancellationToken.None))!;
        var stagedFirst = await staging.StageAsync(first, CancellationToken.None);
        var stagedSecond = await staging.StageAsync(second, CancellationToken.None);
        using var spent = new CancellationTokenSource();
        await spent.CancelAsync();

        await stagedFirst.DiscardAsync(spent.Token);
        await stagedSecond.DiscardAsync(CancellationToken.None);

        Assert.Empty(requests.Matching("DELETE", "/first.csv?uploadId="));
        Assert.Contains(_harness.Logs.Entries, e => e.Contains("first.csv (the clean-up's time ran out)", StringComparison.Ordinal));
        Assert.Single(requests.Matching("DELETE", "/second.csv?uploadId="));
        Assert.Empty(requests.Matching("POST", "uploadId="));
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task DisposeHost_WhileADeliveryIsInFlight_TheDeliveryFinishes_TheHandlerIsDisposedAfterIt()
    {
        var harness = new DestinationHarness();
        using var file = await ExportFile.CreateAsync(12 * Mib, seed: 3);
        await using var proxy = new LoopbackProxy(server.Port, new StallAfterBytes(7 * Mib)); // part 1 stored, part 2 under way
        var config = Config(proxy.Port);
        config["maxConcurrency"] = 1;
        var destination = (S3Destination)harness.Get("s3");

        var delivering = destination.DeliverAsync(DestinationHarness.Delivery(file, "s3", config), CancellationToken.None);
        await proxy.Stalled.WaitAsync(TimeSpan.FromSeconds(60));
        harness.Dispose();
        Assert.False(destination.HandlerDisposed, "The handler was disposed while a delivery still used it.");
        proxy.Release();
        await delivering.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(destination.HandlerDisposed, "The handler was not disposed after the last delivery returned its lease.");
        Assert.Equal(1, destination.Clients.Disposed);
        using var stored = await _client.GetObjectAsync(_bucket, "products.csv");
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
        Assert.Throws<ObjectDisposedException>(() => destination.DeliverAsync(DestinationHarness.Delivery(file, "s3", config), CancellationToken.None).GetAwaiter().GetResult());
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private static bool IsHead(string requestLine) => requestLine.StartsWith("HEAD ", StringComparison.Ordinal);

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
