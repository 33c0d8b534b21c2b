using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>What an azure-blob delivery committed is what was exported, or the run fails and no blob is left.</summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobDeliveryVerificationTests(AzuriteServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "c-" + Guid.NewGuid().ToString("N")[..12];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    [Theory]
    [InlineData(CorruptionMode.FlipByte, false)]
    [InlineData(CorruptionMode.AppendBytes, true)]
    [InlineData(CorruptionMode.AppendBytes, false)]
    public async Task Deliver_BlockChangedInTransit_FailsAndLeavesNoBlob(CorruptionMode mode, bool dropIntegrityHeaders)
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(mode, dropIntegrityHeaders, IsStageBlock));

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", Config(proxy.Port)));

        Assert.True(proxy.CorruptedRequests > 0, "The proxy changed no block.");
        Assert.DoesNotContain(AzuriteServer.AccountKey, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Deliver_BlockChangedInTransit_IsRefusedByTheServiceCheckingEachBlocksContentMd5()
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(CorruptionMode.FlipByte, dropIntegrityHeaders: false, IsStageBlock));

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", Config(proxy.Port)));

        Assert.True(error.Message.Contains("Md5Mismatch", StringComparison.Ordinal), error.Message);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Deliver_BlocksGrownInTransitWithoutContentMd5_AreCaughtByTheCommittedLengthAndTheBlobIsRemoved()
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(CorruptionMode.AppendBytes, dropIntegrityHeaders: true, IsStageBlock));

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", Config(proxy.Port)));

        Assert.True(error.Message.Contains("arrived changed: the service holds", StringComparison.Ordinal), error.Message);
        Assert.Contains("The blob was removed.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Deliver_File_CommitsTheWholeFilesMd5()
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024);

        await _harness.DeliverAsync(file, "azure-blob", Config(server.Port));

        var properties = (await _client.GetBlobClient("products.csv").GetPropertiesAsync()).Value;
        await using var read = File.OpenRead(file.Path);
#pragma warning disable CA5351 // Content-MD5 is what Azure Blob Storage stores; an integrity check, not security.
        Assert.Equal(await System.Security.Cryptography.MD5.HashDataAsync(read), properties.ContentHash);
#pragma warning restore CA5351
    }

    [Fact]
    public async Task TestConnection_ProbeChangedInTransit_FailsTheWriteCheckAndLeavesNothing()
    {
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(CorruptionMode.FlipByte, dropIntegrityHeaders: true));

        var result = await _harness.Get("azure-blob").TestConnectionAsync(Config(proxy.Port), CancellationToken.None);

        var write = Assert.Single(result.Checks, c => c.Name == "write" || !c.Success);
        Assert.True(write.Name == "write", write.Message);
        Assert.False(write.Success);
        Assert.Contains("differ", write.Message, StringComparison.Ordinal);
        Assert.True(proxy.CorruptedRequests > 0);
        Assert.Empty(await BlobNamesAsync());
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([AzuriteServer.AccountKey]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>With a SAS token, which signs no headers, so the proxy can drop Content-MD5 without breaking authentication.</summary>
    private JsonObject Config(int port) => new()
    {
        ["container"] = _container,
        ["accountUrl"] = $"http://127.0.0.1:{port}/{AzuriteServer.AccountName}",
        ["sasToken"] = new BlobServiceClient(server.ConnectionString)
            .GenerateAccountSasUri(Azure.Storage.Sas.AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1), Azure.Storage.Sas.AccountSasResourceTypes.All).Query.TrimStart('?'),
        ["blockSizeMb"] = 1,
    };

    private static bool IsStageBlock(string requestLine) =>
        requestLine.Contains("comp=block", StringComparison.Ordinal) && !requestLine.Contains("comp=blocklist", StringComparison.Ordinal);

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
