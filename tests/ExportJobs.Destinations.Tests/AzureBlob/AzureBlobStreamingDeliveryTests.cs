using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>
/// Streaming delivery to Azurite (destination contract v2): the test plays the run's side with a
/// <see cref="StreamingDeliveryFeed"/>; an independent client lists the staged blocks and reads the blob back.
/// "No committed blob" is checked on the service: the blob does not exist, and no committed block is listed.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobStreamingDeliveryTests(AzuriteServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "stream-" + Guid.NewGuid().ToString("N")[..12];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    private IExportDestination Destination => _harness.Get("azure-blob");

    [Theory]
    [InlineData(5, false)]
    [InlineData(12, true)]
    [InlineData(0, false)]
    public async Task Stream_CommitsExactlyTheFile_AsAnIndependentClientReadsItBack(int approximateMib, bool gzip)
    {
        using var file = await ExportFile.CreateAsync(approximateMib == 0 ? 10_000 : approximateMib * Mib, gzip, seed: approximateMib + 30);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(server.Port)) { FileName = gzip ? "products.csv.gz" : "products.csv", ContentEncoding = gzip ? "gzip" : null };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, file.Length);
        var summary = await feed.CompleteAsync();
        var result = await delivering.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal((file.Length, file.Sha256), (summary.Length, summary.Sha256));
        var blob = _client.GetBlockBlobClient(feed.FileName);
        Assert.Equal(blob.Uri.GetLeftPart(UriPartial.Path), result.DestinationPath);
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.ToList();
        Assert.Equal((int)((file.Length + Mib - 1) / Mib), blocks.Count);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(summary.Length, properties.ContentLength);
        Assert.Equal(gzip ? "gzip" : null, properties.ContentEncoding);
        Assert.Equal(summary.Sha256, properties.Metadata["sha256"]);
        await using (var read = File.OpenRead(file.Path))
        {
#pragma warning disable CA5351 // Content-MD5 is what Azure Blob Storage stores; an integrity check, not security.
            Assert.Equal(await System.Security.Cryptography.MD5.HashDataAsync(read), properties.ContentHash);
#pragma warning restore CA5351
        }

        await using var stored = await blob.OpenReadAsync();
        Assert.Equal(summary.Sha256, await ExportFile.Sha256Of(stored));
    }

    [Fact]
    public async Task Stream_ThreeBlocksWritten_AreStagedBeforeTheFileIsFinished_CommittedOnlyAfter()
    {
        using var file = await ExportFile.CreateAsync(4 * Mib, seed: 41);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(server.Port)) { FileName = "products.csv" };
        var blob = _client.GetBlockBlobClient("products.csv");

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 3 * Mib);
        await Feeding.UntilAsync(async () => (await UncommittedAsync(blob)) == 3, "three blocks were staged", delivering);

        Assert.False(feed.Delivery.IsComplete);
        Assert.False((await blob.ExistsAsync()).Value); // nothing committed
        await feed.FeedAsync(file, 3 * Mib, file.Length);
        var summary = await feed.CompleteAsync();
        await delivering.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(5, (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.Count());
        await using var stored = await blob.OpenReadAsync();
        Assert.Equal(summary.Sha256, await ExportFile.Sha256Of(stored));
    }

    [Fact]
    public async Task Stream_ExportFailsWithBlocksStaged_CommitsNothing()
    {
        using var file = await ExportFile.CreateAsync(4 * Mib, seed: 42);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(server.Port)) { FileName = "products.csv" };
        var blob = _client.GetBlockBlobClient("products.csv");

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 2 * Mib);
        await Feeding.UntilAsync(async () => (await UncommittedAsync(blob)) == 2, "two blocks were staged", delivering);
        feed.Fail(new InvalidOperationException("The record source failed (test)."));

        var error = await Assert.ThrowsAsync<ExportStreamAbortedException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("The record source failed (test).", error.InnerException?.Message);
        await AssertNothingCommittedAsync(blob);
    }

    [Fact]
    public async Task Stream_ServerDropsTheConnectionInTheMiddleOfABlock_CommitsNothing()
    {
        using var file = await ExportFile.CreateAsync(4 * Mib, seed: 43);
        var stageBlocks = 0;
        var requests = new HttpRequestLog(
            drop: line => IsStageBlock(line) && Interlocked.Increment(ref stageBlocks) >= 2, // the first block passes, every later one (and retry) is cut
            dropAfterBodyBytes: Mib / 2);
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(proxy.Port)) { FileName = "products.csv" };
        var blob = _client.GetBlockBlobClient("products.csv");

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, 3 * Mib); // three blocks written, the file not finished

        await Assert.ThrowsAsync<ExportDeliveryException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.True(requests.Dropped > 0, "The proxy cut no block.");
        Assert.Empty(requests.Matching("PUT", "comp=blocklist"));
        await AssertNothingCommittedAsync(blob);
    }

    [Fact]
    public async Task Stream_CancelledWithBlocksStaged_CommitsNothing()
    {
        using var file = await ExportFile.CreateAsync(4 * Mib, seed: 44);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(server.Port)) { FileName = "products.csv" };
        var blob = _client.GetBlockBlobClient("products.csv");
        using var cancel = new CancellationTokenSource();

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, cancel.Token);
        await feed.FeedAsync(file, 0, 2 * Mib);
        await Feeding.UntilAsync(async () => (await UncommittedAsync(blob)) == 2, "two blocks were staged", delivering);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        await AssertNothingCommittedAsync(blob);
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([AzuriteServer.AccountKey]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<int> UncommittedAsync(BlockBlobClient blob)
    {
        try
        {
            return (await blob.GetBlockListAsync(BlockListTypes.Uncommitted)).Value.UncommittedBlocks.Count();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0; // no block staged yet
        }
    }

    private static async Task AssertNothingCommittedAsync(BlockBlobClient blob)
    {
        Assert.False((await blob.ExistsAsync()).Value, "A blob was committed.");
        try
        {
            Assert.Empty((await blob.GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No block list at all: nothing committed either.
        }
    }

    private static bool IsStageBlock(string requestLine) =>
        requestLine.StartsWith("PUT ", StringComparison.Ordinal) && requestLine.Contains("comp=block", StringComparison.Ordinal) && !requestLine.Contains("comp=blocklist", StringComparison.Ordinal);

    private JsonObject Config(int port) => new()
    {
        ["container"] = _container,
        ["connectionString"] = AzuriteServer.ConnectionStringFor(port, AzuriteServer.AccountKey),
        ["blockSizeMb"] = 1,
    };
}
