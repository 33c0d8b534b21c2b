using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Api;

/// <summary>
/// <c>POST …/runs/{runId}/cancel</c> against each destination's real server: a run cancelled mid-export (the record
/// source held after some records) ends failed with the cancel reason, and nothing is left at the destination or in
/// the spool folder.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class CancelDeliveryApiTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd) : IAsyncLifetime
{
    private readonly string _bucket = "cancel-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "cancel-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = "cancel-" + Guid.NewGuid().ToString("N")[..12];
    private readonly GatedRecordSource _source = new(50_000);
    private readonly TempDirectory _spool = new();
    private DestinationApiHost _host = null!;
    private AmazonS3Client _s3 = null!;
    private BlobContainerClient _blobs = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _host = await DestinationApiHost.StartAsync(b =>
        {
            b.Services.AddSingleton<IExportRecordSource>(_source);
            b.Services.Configure<ExportJobsOptions>(o => o.SpoolDirectory = _spool.Path);
        });
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        _blobs = new BlobContainerClient(azurite.ConnectionString, _container);
        await _blobs.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync(200);
    }

    public async Task DisposeAsync()
    {
        _source.ReleaseAll();
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
        _s3.Dispose();
        _spool.Dispose();
    }

    [Theory]
    [InlineData("s3", false)]
    [InlineData("s3", true)]
    [InlineData("azure-blob", false)]
    [InlineData("sftp", false)]
    [InlineData("sftp", true)]
    [InlineData("webhook", false)]
    public async Task CancelMidExport_RunFailsWithTheReason_NothingAtTheDestination_NoSpoolFile(string type, bool compress)
    {
        var created = await _host.PostAsync("/export-jobs", DestinationApiHost.Job(type, Config(type), compress));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var jobId = (await DestinationApiHost.ReadAsync(created))["id"]!.GetValue<string>();
        var started = await _host.PostAsync($"/export-jobs/{jobId}/trigger", null);
        var runId = (await DestinationApiHost.ReadAsync(started))["id"]!.GetValue<string>();
        _source.Release(2000);
        await WaitForAsync(jobId, runId, r => r["progress"]?["recordsWritten"]?.GetValue<long>() >= 2000, "2000 records are written");
        Assert.Single(Directory.GetFiles(_spool.Path));

        var cancel = await _host.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var run = await WaitForAsync(jobId, runId, r => r["status"]!.GetValue<string>() != "running", "the run ended");
        Assert.Equal(("failed", true), (run["status"]!.GetValue<string>(), run["cancelled"]!.GetValue<bool>()));
        Assert.StartsWith("Cancelled on request", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_spool.Path));
        Assert.Empty(await ListDestinationAsync(type));
    }

    private async Task<JsonObject> WaitForAsync(string jobId, string runId, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await DestinationApiHost.ReadAsync(await _host.Client.GetAsync($"/export-jobs/{jobId}/runs/{runId}"));
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}: {run.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private async Task<IReadOnlyList<string>> ListDestinationAsync(string type)
    {
        switch (type)
        {
            case "s3":
                // s3rver does not implement listing multipart uploads; the objects are what readers see.
                var objects = (await _s3.ListObjectsV2Async(new() { BucketName = _bucket })).S3Objects ?? [];
                return objects.Select(o => o.Key).ToList();
            case "azure-blob":
                var blobs = new List<string>();
                await foreach (var blob in _blobs.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { States = Azure.Storage.Blobs.Models.BlobStates.Uncommitted }))
                {
                    blobs.Add(blob.Name);
                }

                return blobs;
            case "webhook":
                return _receiver.Requests.Select(r => r.Headers.GetValueOrDefault("X-Export-Run-Id") ?? "request").ToList();
            default:
                return await sshd.ListHomeFolderAsync(_folder);
        }
    }

    private JsonObject Config(string type) => type switch
    {
        "s3" => s3.DestinationConfig(_bucket, "exports"),
        "azure-blob" => new JsonObject { ["container"] = _container, ["path"] = "exports", ["connectionString"] = azurite.ConnectionString },
        "webhook" => new JsonObject { ["url"] = _receiver.Url },
        _ => sshd.DestinationConfig(_folder),
    };
}
