using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Conformance;

/// <summary>The destination kit against Azurite; the file spans three 1 MiB blocks.</summary>
[Collection(DestinationServers.Name)]
public sealed class AzureBlobDestinationConformanceTests(AzuriteServer server) : ExportDestinationConformanceTests
{
    private readonly DestinationHarness _harness = new();
    private readonly string _container = "kit-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private BlobContainerClient _client = null!;

    protected override string DestinationType => "azure-blob";

    protected override bool Stages => true;

    protected override bool Streams => true;

    protected override IReadOnlyCollection<string> RequiredSettings => ["container", "connectionString"];

    protected override int FileSize => (int)(2.5 * 1024 * 1024);

    protected override async Task<IExportDestination> CreateDestinationAsync()
    {
        _client = new BlobContainerClient(server.ConnectionString, _container);
        await _client.CreateAsync();
        return _harness.Get("azure-blob");
    }

    protected override Task DisposeDestinationAsync()
    {
        _harness.Logs.AssertContainsNone([AzuriteServer.AccountKey, _wrongKey]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig() =>
        new() { ["container"] = _container, ["path"] = "exports", ["connectionString"] = server.ConnectionString, ["blockSizeMb"] = 1 };

    protected override JsonObject CreateFailingConfig()
    {
        var config = CreateConfig();
        config["connectionString"] = AzuriteServer.ConnectionStringFor(server.Port, _wrongKey);
        return config;
    }

    // Committed blobs: what readers can see. Blocks staged by a cut-short upload stay uncommitted until Azure discards
    // them (the README says so); no call deletes them alone.
    protected override async Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config)
    {
        var names = new List<string>();
        await foreach (var blob in _client.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    protected override async Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result)
    {
        Assert.Equal($"{server.BlobEndpoint}/{_container}/exports/{fileName}", result.DestinationPath);
        var content = await _client.GetBlobClient("exports/" + fileName).DownloadContentAsync();
        return content.Value.Content.ToArray();
    }
}
