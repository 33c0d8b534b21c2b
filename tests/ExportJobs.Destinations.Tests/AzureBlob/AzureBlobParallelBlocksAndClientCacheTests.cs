using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.AzureBlob;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>Blocks in flight (<c>maxConcurrency</c>) and the client cache of the azure-blob destination, against Azurite.</summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobParallelBlocksAndClientCacheTests(AzuriteServer server) : IAsyncLifetime
{
    private const long Mib = 1024 * 1024;
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "c-" + Guid.NewGuid().ToString("N")[..12];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    [Fact]
    public async Task Deliver_SixBlocksWithFourInFlight_ReadsBackByteIdentical()
    {
        using var file = await ExportFile.CreateAsync(6 * Mib - 1000, seed: 5);
        var config = Config();
        config["maxConcurrency"] = 4;

        await _harness.DeliverAsync(file, "azure-blob", config);

        var blob = _client.GetBlobClient("exports/products.csv");
        Assert.Equal(6, (await _client.GetBlockBlobClient("exports/products.csv").GetBlockListAsync()).Value.CommittedBlocks.Count());
        var stored = await blob.DownloadStreamingAsync();
        Assert.Equal(file.Length, stored.Value.Details.ContentLength);
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.Value.Content));
    }

    [Fact]
    public async Task Deliver_SourceFailsAfterTwoAndAHalfBlocksWithBlocksInFlight_CommitsNothing()
    {
        using var file = await ExportFile.CreateAsync(6 * Mib, seed: 6);
        var config = Config();
        config["maxConcurrency"] = 3;
        var failed = 0;
        var delivery = FailingDelivery.Create(file, "azure-blob", config, failAfterBytes: 5 * Mib / 2, failed: () => Interlocked.Exchange(ref failed, 1));

        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Get("azure-blob").DeliverAsync(delivery, CancellationToken.None));

        Assert.Equal(1, failed);
        Assert.False(await _client.GetBlobClient("exports/products.csv").ExistsAsync());
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Deliver_SameSettingsTwice_ReusesOneClient_ChangedCredentialsGetANewOneAndTheOldIsDisposed()
    {
        var destination = (AzureBlobDestination)_harness.Get("azure-blob");
        using var file = await ExportFile.CreateAsync(10_000);

        await _harness.DeliverAsync(file, "azure-blob", Config());
        await _harness.DeliverAsync(file, "azure-blob", Config(), fileName: "again.csv");
        Assert.Equal(1, destination.Clients.Created);
        Assert.Equal(0, destination.Clients.Disposed);

        var rotatedKey = Convert.ToBase64String(new byte[64]);
        var changed = Config();
        changed["connectionString"] = AzuriteServer.ConnectionStringFor(server.Port, rotatedKey);
        await Record.ExceptionAsync(() => _harness.DeliverAsync(file, "azure-blob", changed, fileName: "rotated.csv"));
        Assert.Equal(2, destination.Clients.Created);
        Assert.Equal(1, destination.Clients.Disposed);
        Assert.Equal(1, destination.Clients.Count);

        _harness.Dispose();
        Assert.Equal(2, destination.Clients.Disposed);
        _harness.Logs.AssertContainsNone([AzuriteServer.AccountKey, rotatedKey]);
    }

    [Theory]
    [InlineData("maxConcurrency", 0, "from 1 to 16")]
    [InlineData("maxConcurrency", 17, "from 1 to 16")]
    [InlineData("blockSizeMb", 0, "from 1 to 4000")]
    public void Validate_OutOfRange_IsRejectedOnTheField(string name, int value, string expected)
    {
        var config = Config();
        config[name] = value;

        var errors = _harness.Validate("azure-blob", config);

        var message = Assert.Single(Assert.Single(errors, e => e.Key == "destinationConfig." + name).Value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config() =>
        new() { ["container"] = _container, ["path"] = "exports", ["connectionString"] = server.ConnectionString, ["blockSizeMb"] = 1 };

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _client.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
