using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.AzureBlob;

[Collection(DestinationServers.Name)]
public sealed class AzureBlobDestinationTests(AzuriteServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "c-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _secrets = [AzuriteServer.AccountKey];
    private BlobContainerClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_File_BlobDownloadedIndependentlyHasTheSameSha256(bool gzip)
    {
        using var file = await ExportFile.CreateAsync(3L * 1024 * 1024, gzip);

        var result = await _harness.DeliverAsync(file, "azure-blob", Config(blockSizeMb: 1), gzip: gzip);

        var name = gzip ? "exports/products.csv.gz" : "exports/products.csv";
        Assert.Equal($"{server.BlobEndpoint}/{_container}/{name}", result.DestinationPath);
        var blob = _client.GetBlobClient(name);
        await using var stored = await blob.OpenReadAsync();
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored));
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(file.Length, properties.ContentLength);
        Assert.Equal("text/csv; charset=utf-8", properties.ContentType);
        Assert.Equal(gzip ? "gzip" : null, properties.ContentEncoding);
    }

    [Fact]
    public async Task Deliver_WrongAccountKey_FailsNamingTheCredentialsAndLeavesNoBlob()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        _secrets.Add(wrongKey);
        var config = Config();
        config["connectionString"] = AzuriteServer.ConnectionStringFor(server.Port, wrongKey);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", config));

        Assert.Contains("rejected the credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Deliver_MissingContainer_FailsNamingTheContainer()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config["container"] = "no-such-container";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", config));

        Assert.Contains("container 'no-such-container' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ServerDown_FailsSayingItCouldNotConnect()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        using var down = LoopbackPorts.ReserveClosed();
        var config = Config();
        config["connectionString"] = AzuriteServer.ConnectionStringFor(down.Port, AzuriteServer.AccountKey);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", config));

        Assert.Contains("Could not connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ConnectionDroppedDuringUpload_CommitsNothing()
    {
        using var file = await ExportFile.CreateAsync(4L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new DropAfterBytes(byteLimit: 512 * 1024));
        var config = Config(blockSizeMb: 1);
        config["connectionString"] = AzuriteServer.ConnectionStringFor(proxy.Port, AzuriteServer.AccountKey);

        await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "azure-blob", config));

        Assert.True(proxy.DroppedConnections > 0);
        Assert.False(await _client.GetBlobClient("exports/products.csv").ExistsAsync());
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task TestConnection_ValidSettings_PassesContainerAndWriteChecksAndLeavesNothing()
    {
        var result = await _harness.Get("azure-blob").TestConnectionAsync(Config(), CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Checks));
        Assert.Equal(["container", "write"], result.Checks.Select(c => c.Name));
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public void Validate_BadSettings_ReportsEveryFieldAtOnce()
    {
        var errors = _harness.Validate("azure-blob", new JsonObject { ["container"] = "Bad_Name", ["connectionString"] = "nonsense", ["sasToken"] = "sv=1" });

        Assert.Equal(["destinationConfig.connectionString", "destinationConfig.container", "destinationConfig.sasToken"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("nonsense", string.Join(" ", errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_AccountUrlWithSasToken_BlobDownloadedIndependentlyHasTheSameSha256()
    {
        using var file = await ExportFile.CreateAsync(2L * 1024 * 1024);
        var sas = new BlobServiceClient(server.ConnectionString)
            .GenerateAccountSasUri(AccountSasPermissions.Read | AccountSasPermissions.Write | AccountSasPermissions.Create | AccountSasPermissions.List, DateTimeOffset.UtcNow.AddHours(1), AccountSasResourceTypes.Container | AccountSasResourceTypes.Object)
            .Query;
        var signature = System.Web.HttpUtility.ParseQueryString(sas)["sig"]!;
        _secrets.Add(signature);
        var config = new JsonObject { ["container"] = _container, ["path"] = "sas", ["accountUrl"] = server.BlobEndpoint.ToString(), ["sasToken"] = sas };

        var result = await _harness.DeliverAsync(file, "azure-blob", config);

        Assert.Equal($"{server.BlobEndpoint}/{_container}/sas/products.csv", result.DestinationPath);
        await using var stored = await _client.GetBlobClient("sas/products.csv").OpenReadAsync();
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored));
    }

    [Fact]
    public void Validate_AccountUrlAloneWithoutATokenCredential_IsRejectedOnSasToken()
    {
        var errors = _harness.Validate("azure-blob", new JsonObject { ["container"] = _container, ["accountUrl"] = "https://account.blob.core.windows.net" });

        var message = Assert.Single(Assert.Single(errors, e => e.Key == "destinationConfig.sasToken").Value);
        Assert.Single(errors);
        Assert.Contains("registers none", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AccountUrlAloneWithATokenCredential_IsAccepted()
    {
        using var harness = new DestinationHarness(host: s => s.AddSingleton<TokenCredential>(new FixedTokenCredential()));

        Assert.Empty(harness.Validate("azure-blob", new JsonObject { ["container"] = _container, ["accountUrl"] = "https://account.blob.core.windows.net" }));
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone(_secrets);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config(int? blockSizeMb = null)
    {
        var config = new JsonObject { ["container"] = _container, ["path"] = "exports", ["connectionString"] = server.ConnectionString };
        if (blockSizeMb is not null)
        {
            config["blockSizeMb"] = blockSizeMb;
        }

        return config;
    }

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
