using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.AzureBlob;
using ExportJobs.Destinations.Common;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>
/// Azure's 50,000-block limit is one check for every path: a whole file (delivered or staged) that needs more blocks of
/// <c>blockSizeMb</c> is refused before any request; a streamed one as soon as the bytes written exceed it, with the same
/// error, and nothing is committed. Requests are seen through a <see cref="LoopbackProxy"/> in front of Azurite.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobBlockLimitTests(AzuriteServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private const long TooLarge = (50_000 * Mib) + 1; // one byte more than 50,000 blocks of 1 MiB
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "limit-" + Guid.NewGuid().ToString("N")[..12];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    private AzureBlobDestination Destination => (AzureBlobDestination)_harness.Get("azure-blob");

    [Fact]
    public async Task Deliver_FileNeedingMoreThan50000Blocks_FailsNamingBlockSizeMb_BeforeAnyRequest()
    {
        using var file = await ExportFile.CreateAsync(64 * 1024, seed: 61);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "azure-blob", Config(proxy.Port), length: TooLarge);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => Destination.DeliverAsync(delivery, CancellationToken.None));

        Assert.Equal($"{Location(proxy.Port)}: the file (52,428,800,001 bytes) needs more than Azure's 50,000 blocks of 1 MiB ('blockSizeMb'). Raise 'blockSizeMb' to at least 2 (at most 4,000). Nothing was published.", error.Message);
        Assert.Empty(requests.Lines);
        Assert.False((await _client.GetBlobClient("products.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Stage_FileNeedingMoreThan50000Blocks_FailsTheSameWay_BeforeAnyRequest()
    {
        using var file = await ExportFile.CreateAsync(64 * 1024, seed: 62);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "azure-blob", Config(proxy.Port), length: TooLarge);
        await using var staging = await Destination.BeginStagingAsync(delivery.Job, delivery.RunId, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => staging!.StageAsync(delivery, CancellationToken.None));

        Assert.StartsWith($"{Location(proxy.Port)}: the file (52,428,800,001 bytes) needs more than Azure's 50,000 blocks of 1 MiB ('blockSizeMb').", error.Message, StringComparison.Ordinal);
        Assert.Empty(requests.Lines);
    }

    [Fact]
    public async Task Stream_BytesWrittenExceedTheLimit_FailsWithTheSameError_AndCommitsNothing()
    {
        Destination.BlockLimit = UploadLimit.AzureBlocks with { MaxPieces = 2 }; // two blocks of 1 MiB; the file has four
        using var file = await ExportFile.CreateAsync(4 * Mib, seed: 63);
        var requests = new HttpRequestLog();
        await using var proxy = new LoopbackProxy(server.Port, requests);
        await using var feed = new StreamingDeliveryFeed("azure-blob", Config(proxy.Port)) { FileName = "products.csv" };

        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.FeedAsync(file, 0, file.Length);
        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => delivering.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(Location(proxy.Port))}: the file \([\d,]+ bytes so far, still being written\) needs more than Azure's 2 blocks of 1 MiB \('blockSizeMb'\)\. Raise 'blockSizeMb' to at least \d+ \(more as the file grows\) \(at most 4,000\)\. Nothing was published\.$", error.Message);
        Assert.Empty(requests.Matching("PUT", "comp=blocklist"));
        Assert.False((await _client.GetBlobClient("products.csv").ExistsAsync()).Value);
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private string Location(int port) =>
        new BlobContainerClient(AzuriteServer.ConnectionStringFor(port, AzuriteServer.AccountKey), _container).GetBlobClient("products.csv").Uri.GetLeftPart(UriPartial.Path);

    private JsonObject Config(int port) => new()
    {
        ["container"] = _container,
        ["connectionString"] = AzuriteServer.ConnectionStringFor(port, AzuriteServer.AccountKey),
        ["blockSizeMb"] = 1,
    };
}
