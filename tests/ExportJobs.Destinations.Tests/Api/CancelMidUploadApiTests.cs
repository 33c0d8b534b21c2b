using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Api;

/// <summary>
/// <c>POST …/runs/{runId}/cancel</c> while the file is on its way to each destination's real server: the upload goes
/// through a <see cref="LoopbackProxy"/> with <see cref="StallAfterBytes"/> that holds it once the server has part of the file (S3: one part stored and
/// the second one started; Azure: blocks staged; SFTP: the temporary file partly written; webhook: part of the body sent).
/// "Nothing at the destination": S3, no object, and the multipart upload aborted (asked for: s3rver cannot abort); Azure, no committed blob (staged
/// blocks stay uncommitted and unreadable, see <see cref="ListDestinationAsync"/>); SFTP, no file at all in the folder
/// (no temporary <c>.part</c> file either); webhook, no complete request reached the receiver (it saw the body cut short
/// and never answered it).
/// The cancel is sent while it is held, then the proxy lets go. The run ends failed with the cancel reason
/// (<c>cancelled: true</c>), nothing is left at the destination, the spool file is gone, the run is not retried and does
/// not count towards auto-pause.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class CancelMidUploadApiTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd) : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;

    private readonly string _bucket = "midup-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "midup-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = "midup-" + Guid.NewGuid().ToString("N")[..12];
    private readonly TempDirectory _spool = new();
    private DestinationApiHost _host = null!;
    private AmazonS3Client _s3 = null!;
    private BlobContainerClient _blobs = null!;
    private WebhookReceiver _receiver = null!;
    private LoopbackProxy? _proxy;

    public async Task InitializeAsync()
    {
        _host = await DestinationApiHost.StartAsync(b =>
        {
            // About 12 MiB of CSV (12,000 records of a little over 1 KiB), uncompressed so the sizes are known.
            b.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(12_000, descriptionLength: 1024));
            b.Services.Configure<ExportJobsOptions>(o =>
            {
                o.SpoolDirectory = _spool.Path;
                o.AutoPauseAfterFailures = 1;
            });
        });
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        _blobs = new BlobContainerClient(azurite.ConnectionString, _container);
        await _blobs.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync(200);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
        _s3.Dispose();
        _spool.Dispose();
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure-blob")]
    [InlineData("sftp")]
    [InlineData("webhook")]
    public async Task CancelMidUpload_RunFailsWithTheReason_NothingAtTheDestination_NoSpoolFile_NoRetry(string type)
    {
        var (port, stallAfter) = type switch
        {
            "s3" => (s3.Port, 7 * MiB),          // 5 MiB parts: part 1 stored, part 2 under way
            "azure-blob" => (azurite.Port, 5 * MiB / 2), // 1 MiB blocks: two staged, the third under way
            "sftp" => (sshd.Port, 4 * MiB),
            _ => (_receiver.Port, 4 * MiB),
        };
        _proxy = new LoopbackProxy(port, new StallAfterBytes(stallAfter));
        var created = await _host.PostAsync("/export-jobs", DestinationApiHost.Job(type, Config(type, _proxy.Port)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var jobId = (await DestinationApiHost.ReadAsync(created))["id"]!.GetValue<string>();

        var started = await _host.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await DestinationApiHost.ReadAsync(started))["id"]!.GetValue<string>();
        await WaitForStallAsync(jobId, runId);
        var held = await ReadRunAsync(jobId, runId);
        Assert.Equal("running", held["status"]!.GetValue<string>());
        // s3 and azure-blob stream: the upload runs while the file is still being written, so the run may still show
        // the writer stage when the upload is held; the others deliver the finished file.
        Assert.Contains(held["progress"]!["stage"]!.GetValue<string>(), (string[])(type is "s3" or "azure-blob" ? ["writer", "delivery"] : ["delivery"]));

        var cancel = await _host.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);
        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        _proxy.Release();

        var run = await WaitForAsync(jobId, runId, r => r["status"]!.GetValue<string>() != "running", "the run ended");
        Assert.Equal(("failed", true), (run["status"]!.GetValue<string>(), run["cancelled"]!.GetValue<bool>()));
        Assert.StartsWith("Cancelled on request", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_spool.Path));
        Assert.Empty(await ListDestinationAsync(type));
        if (type == "webhook")
        {
            Assert.Equal(1, _receiver.Arrivals); // the request did start: its body was cut short
        }

        // Not retried (one run) and not counted towards auto-pause (AutoPauseAfterFailures = 1: one failure would pause).
        var runs = (JsonArray)(await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonNode>((await _host.Client.GetAsync($"/export-jobs/{jobId}/runs")).Content))!;
        Assert.Single(runs);
        var job = await DestinationApiHost.ReadAsync(await _host.Client.GetAsync($"/export-jobs/{jobId}"));
        Assert.Equal((true, null), (job["active"]!.GetValue<bool>(), job["pausedReason"]?.GetValue<string>()));
    }

    private async Task WaitForStallAsync(string jobId, string runId)
    {
        var stalled = _proxy!.Stalled;
        if (await Task.WhenAny(stalled, Task.Delay(TimeSpan.FromSeconds(90))) != stalled)
        {
            Assert.Fail($"The upload never reached the proxy's hold ({_proxy.ForwardedBytes} bytes forwarded): {(await ReadRunAsync(jobId, runId)).ToJsonString()}");
        }
    }

    private async Task<JsonObject> ReadRunAsync(string jobId, string runId) =>
        await DestinationApiHost.ReadAsync(await _host.Client.GetAsync($"/export-jobs/{jobId}/runs/{runId}"));

    private async Task<JsonObject> WaitForAsync(string jobId, string runId, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await ReadRunAsync(jobId, runId);
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}: {run.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>What the destination holds: objects and unfinished multipart uploads, blobs with uncommitted blocks, every file of the folder, complete webhook requests.</summary>
    private async Task<IReadOnlyList<string>> ListDestinationAsync(string type)
    {
        switch (type)
        {
            case "s3":
                var objects = (await _s3.ListObjectsV2Async(new() { BucketName = _bucket })).S3Objects ?? [];
                // The multipart upload was aborted: s3rver answers AbortMultipartUpload with 405 (it implements none, and
                // no ListMultipartUploads either), so the abort is seen in the host's log; AWS S3 removes the parts.
                Assert.Contains(_host.Logs.Entries, e => e.Contains("the failed multipart upload to s3://", StringComparison.Ordinal));
                return objects.Select(o => o.Key).ToList();
            case "azure-blob":
                // Readers list and read committed blobs only. Staged blocks cannot be deleted on their own (Azure has no
                // call for it; committing an empty list would show an empty blob for a moment): they stay uncommitted,
                // invisible, until the service discards them after a week or the next upload's commit replaces them.
                var blobs = new List<string>();
                await foreach (var blob in _blobs.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Uncommitted }))
                {
                    var blocks = (await _blobs.GetBlockBlobClient(blob.Name).GetBlockListAsync(BlockListTypes.All)).Value;
                    if (blob.Properties.ContentLength is > 0 || blocks.CommittedBlocks.Any())
                    {
                        blobs.Add(blob.Name);
                    }
                }

                return blobs;
            case "webhook":
                // The receiver records a request only once its whole body arrived: a cut one is not a delivery.
                return _receiver.Requests.Select(r => r.Headers.GetValueOrDefault("X-Export-Run-Id") ?? "request").ToList();
            default:
                return await sshd.ListHomeFolderAsync(_folder);
        }
    }

    private JsonObject Config(string type, int port) => type switch
    {
        "s3" => WithPort(s3.DestinationConfig(_bucket, "exports"), port),
        "azure-blob" => new JsonObject
        {
            ["container"] = _container,
            ["path"] = "exports",
            ["connectionString"] = AzuriteServer.ConnectionStringFor(port, AzuriteServer.AccountKey),
            ["blockSizeMb"] = 1,
        },
        "webhook" => new JsonObject { ["url"] = $"http://127.0.0.1:{port}/hooks/products" },
        _ => WithSftpPort(sshd.DestinationConfig(_folder), port),
    };

    private static JsonObject WithPort(JsonObject config, int port)
    {
        config["serviceUrl"] = $"http://127.0.0.1:{port}/";
        config["partSizeMb"] = 5;
        return config;
    }

    private static JsonObject WithSftpPort(JsonObject config, int port)
    {
        config["port"] = port;
        return config;
    }
}
