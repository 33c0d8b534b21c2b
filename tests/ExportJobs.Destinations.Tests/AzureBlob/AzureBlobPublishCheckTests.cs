using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>A length read-back that fails after the block list was committed removes the now-visible blob (Azurite, through a proxy that cuts the HEAD).</summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobPublishCheckTests(AzuriteServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "c-" + Guid.NewGuid().ToString("N")[..12];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    [Fact]
    public async Task PublishStaged_ReadBackFailsAfterTheCommit_RemovesTheBlobAndSaysSo()
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024);
        var requests = new HttpRequestLog(drop: IsHead);
        await using var proxy = new LoopbackProxy(server.Port, requests);
        var delivery = DestinationHarness.Delivery(file, "azure-blob", Config(proxy.Port));
        await using var staging = (await _harness.Get("azure-blob").BeginStagingAsync(delivery.Job, delivery.RunId, CancellationToken.None))!;
        var staged = await staging.StageAsync(delivery, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => staged.PublishAsync(CancellationToken.None));

        Assert.Single(requests.Matching("PUT", "comp=blocklist")); // committed: the blob was visible
        Assert.True(requests.Dropped > 0, "No HEAD was cut.");
        Assert.Contains("was committed, but reading back what the service holds failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("The blob was removed.", error.Message, StringComparison.Ordinal);
        Assert.False((await _client.GetBlockBlobClient("products.csv").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Deliver_ReadBackFailsAfterTheCommit_RemovesTheBlob()
    {
        using var file = await ExportFile.CreateAsync(300_000);
        await using var proxy = new LoopbackProxy(server.Port, new HttpRequestLog(drop: IsHead));

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", Config(proxy.Port)));

        Assert.Contains("The blob was removed.", error.Message, StringComparison.Ordinal);
        Assert.False((await _client.GetBlockBlobClient("products.csv").ExistsAsync()).Value);
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([AzuriteServer.AccountKey]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private static bool IsHead(string requestLine) => requestLine.StartsWith("HEAD ", StringComparison.Ordinal);

    private JsonObject Config(int port) => new()
    {
        ["container"] = _container,
        ["connectionString"] = AzuriteServer.ConnectionStringFor(port, AzuriteServer.AccountKey),
        ["blockSizeMb"] = 1,
    };
}
