using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Destinations.Webhook;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Api;

/// <summary>
/// Split runs with a manifest against each real server (s3rver, Azurite, sshd, a Kestrel webhook receiver), through the
/// HTTP API: every part and then the manifest arrive; s3, azure-blob and sftp stage every file first, so that while
/// part 3 is staged an independent client sees no file at the final names; a run failing at part 3 leaves nothing
/// (nothing was published), a run failing while publishing removes what it published; the webhook, which cannot stage
/// nor take a request back, names exactly what is left.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class SplitDeliveryApiTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd) : IAsyncLifetime
{
    private static readonly string[] Types = ["s3", "azure-blob", "sftp"];
    private readonly string _bucket = "split-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "split-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = "split-" + Guid.NewGuid().ToString("N")[..12];
    private DestinationApiHost _host = null!;
    private AmazonS3Client _s3 = null!;
    private BlobContainerClient _blobs = null!;

    public async Task InitializeAsync()
    {
        _host = await DestinationApiHost.StartAsync(b =>
        {
            foreach (var type in Types)
            {
                WatchedDestination.Register(b, type + "-watched", type);
                WatchedDestination.Register(b, type + "-failing", type, failAtDelivery: 3);
                WatchedDestination.Register(b, type + "-failing-publish", type, failAtPublish: 3);
            }
        });
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        _blobs = new BlobContainerClient(azurite.ConnectionString, _container);
        await _blobs.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        _host.Logs.AssertContainsNone([AzuriteServer.AccountKey, S3rverServer.SecretAccessKey, sshd.Password]);
        await _host.DisposeAsync();
        _s3.Dispose();
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure-blob")]
    [InlineData("sftp")]
    public async Task SplitRunWithManifest_DeliversEveryPartThenTheManifest(string type)
    {
        var job = await CreateAsync(type + "-watched", Config(type), maxRecords: 1000);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        var files = run["files"]!.AsArray();
        Assert.Equal([1000L, 1000L, 500L], files.Select(f => f!["records"]!.GetValue<long>()));
        var manifestName = run["fileName"]!.GetValue<string>();
        Assert.Equal($"products-{run["id"]!.GetValue<string>()}.csv.manifest.json", manifestName);
        var watched = (WatchedDestination)_host.Services.GetRequiredKeyedService<IExportDestination>(type + "-watched");
        Assert.Equal([.. files.Select(f => f!["name"]!.GetValue<string>()), manifestName], watched.Staged);
        Assert.Equal([.. files.Select(f => f!["name"]!.GetValue<string>()), manifestName], watched.Delivered);
        Assert.Equal([.. files.Select(f => f!["name"]!.GetValue<string>()), manifestName], (await ListAsync(type)).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var bytes = await ReadAsync(type, file!["name"]!.GetValue<string>());
            Assert.Equal(file["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file["bytes"]!.GetValue<long>(), bytes.Length);
        }

        var manifest = await ReadAsync(type, manifestName);
        Assert.Equal(run["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(manifest)));
        var listed = JsonNode.Parse(manifest)!["files"]!.AsArray();
        Assert.Equal(files.Select(f => f!["path"]!.GetValue<string>()), listed.Select(f => f!["path"]!.GetValue<string>()));
        Assert.Equal(run["destinationPath"]!.GetValue<string>()[..^manifestName.Length] + files[0]!["name"]!.GetValue<string>(), files[0]!["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure-blob")]
    [InlineData("sftp")]
    public async Task WhilePart3IsStaged_AnIndependentClientSeesNoFileAtTheFinalNames_AfterTheRunEveryOne(string type)
    {
        var watched = (WatchedDestination)_host.Services.GetRequiredKeyedService<IExportDestination>(type + "-watched");
        watched.PauseAtStage = 3;
        var job = await CreateAsync(type + "-watched", Config(type), maxRecords: 1000);

        var running = _host.TriggerAndWaitAsync(job);
        await watched.Paused.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var whileStaging = await ListAsync(type);
        var staged = watched.Staged.ToList();
        var publishedWhileStaging = watched.Delivered.Count;
        watched.Release.SetResult();
        var run = await running;

        Assert.Equal(2, staged.Count);
        Assert.Equal(0, publishedWhileStaging);
        if (type == "sftp")
        {
            // Parts 1 and 2 sit at their hidden temporary names; nothing at a final name.
            Assert.Equal(2, whileStaging.Count);
            Assert.All(whileStaging, name => Assert.Matches(@"^\.products-.*-000[12]\.csv\.[0-9a-f]{32}\.part$", name));
        }
        else
        {
            Assert.Empty(whileStaging);
        }

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        var names = run["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Append(run["fileName"]!.GetValue<string>()).ToList();
        Assert.Equal(4, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), (await ListAsync(type)).Order(StringComparer.Ordinal));
        Assert.Equal(names, watched.Delivered);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure-blob")]
    [InlineData("sftp")]
    public async Task ARunFailingAtPart3_LeavesNoPartNoManifestAndNoTemporaryFile(string type)
    {
        var job = await CreateAsync(type + "-failing", Config(type), maxRecords: 500);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        var error = run["error"]!.GetValue<string>();
        Assert.Contains("(part 3 of 5)", error, StringComparison.Ordinal);
        Assert.Contains("Nothing of this run was published: files are published only once all are staged.", error, StringComparison.Ordinal);
        var watched = (WatchedDestination)_host.Services.GetRequiredKeyedService<IExportDestination>(type + "-failing");
        Assert.Equal(2, watched.Staged.Count);
        Assert.Empty(watched.Delivered);

        // sftp: the listing includes hidden temporary files; s3, azure-blob: objects and committed blobs.
        Assert.Empty(await ListAsync(type));
        if (type == "s3")
        {
            // Both staged multipart uploads were aborted. (s3rver implements neither AbortMultipartUpload, answering 405,
            // nor ListMultipartUploads, so the attempt is what can be checked here: one per staged upload.)
            foreach (var name in watched.Staged)
            {
                Assert.Contains(_host.Logs.Entries, e => e.Contains($"the failed multipart upload to s3://{_bucket}/exports/{name}", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure-blob")]
    [InlineData("sftp")]
    public async Task ARunFailingWhilePublishingFile3_RemovesTheTwoPublishedAndDiscardsTheRest(string type)
    {
        var job = await CreateAsync(type + "-failing-publish", Config(type), maxRecords: 500);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        var error = run["error"]!.GetValue<string>();
        Assert.Contains("(publishing 3 of 6 staged files)", error, StringComparison.Ordinal);
        Assert.Contains("The 2 files published before were removed again; nothing of this run is left at the destination.", error, StringComparison.Ordinal);
        var watched = (WatchedDestination)_host.Services.GetRequiredKeyedService<IExportDestination>(type + "-failing-publish");
        Assert.Equal(6, watched.Staged.Count);
        Assert.Equal(2, watched.Delivered.Count);
        Assert.Empty(await ListAsync(type));
    }

    [Fact]
    public async Task Webhook_SplitRunWithManifest_PostsEveryPartThenTheManifest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var job = await CreateAsync("webhook", new JsonObject { ["url"] = receiver.Url }, maxRecords: 1000);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        var files = run["files"]!.AsArray();
        Assert.Equal(4, receiver.Requests.Count);
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(files[i]!["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(receiver.Requests[i].Body)));
        }

        var manifest = receiver.Requests[3];
        Assert.Equal(run["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(manifest.Body)));
        Assert.Equal(3, JsonNode.Parse(manifest.Body)!["files"]!.AsArray().Count);
        Assert.Equal(4, receiver.Requests.Select(r => r.Headers[WebhookHeaders.IdempotencyKey]).Distinct().Count());
    }

    [Fact]
    public async Task Webhook_ARunFailingAtPart3_NamesThePartsItLeft()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200, 200, 400);
        var job = await CreateAsync("webhook", new JsonObject { ["url"] = receiver.Url }, maxRecords: 500);

        var run = await _host.TriggerAndWaitAsync(job);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        var error = run["error"]!.GetValue<string>();
        var runId = run["id"]!.GetValue<string>();
        Assert.Contains("(part 3 of 5)", error, StringComparison.Ordinal);
        Assert.Contains($"Left at the destination, to remove by hand (2 of the 2 files delivered before; no manifest was written): products-{runId}-0001.csv at {receiver.Url}, products-{runId}-0002.csv at {receiver.Url}.", error, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
    }

    private async Task<string> CreateAsync(string type, JsonObject config, long maxRecords)
    {
        var body = DestinationApiHost.Job(type, config);
        body["filenameTemplate"] = "products-{runId}-{part}.{format}";
        body["split"] = new JsonObject { ["maxRecords"] = maxRecords };
        body["manifest"] = true;
        var response = await _host.PostAsync("/export-jobs", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await DestinationApiHost.ReadAsync(response))["id"]!.GetValue<string>();
    }

    private JsonObject Config(string type) => type switch
    {
        "s3" => s3.DestinationConfig(_bucket, "exports"),
        "azure-blob" => new JsonObject { ["container"] = _container, ["path"] = "exports", ["connectionString"] = azurite.ConnectionString },
        _ => sshd.DestinationConfig(_folder),
    };

    /// <summary>The file names at the destination, read with an independent client.</summary>
    private async Task<List<string>> ListAsync(string type)
    {
        switch (type)
        {
            case "s3":
                var objects = (await _s3.ListObjectsV2Async(new() { BucketName = _bucket, Prefix = "exports/" })).S3Objects ?? [];
                return objects.Select(o => o.Key["exports/".Length..]).ToList();
            case "azure-blob":
                var names = new List<string>();
                await foreach (var blob in _blobs.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "exports/" }))
                {
                    names.Add(blob.Name["exports/".Length..]);
                }

                return names;
            default:
                return await sshd.ListHomeFolderAsync(_folder);
        }
    }

    private async Task<byte[]> ReadAsync(string type, string name)
    {
        switch (type)
        {
            case "s3":
                using (var stored = await _s3.GetObjectAsync(_bucket, $"exports/{name}"))
                {
                    using var copy = new MemoryStream();
                    await stored.ResponseStream.CopyToAsync(copy);
                    return copy.ToArray();
                }

            case "azure-blob":
                return (await _blobs.GetBlobClient($"exports/{name}").DownloadContentAsync()).Value.Content.ToArray();
            default:
                using (var client = sshd.CreateClient())
                {
                    await client.ConnectAsync(CancellationToken.None);
                    using var copy = new MemoryStream();
                    await client.DownloadFileAsync($"{SshdServer.Home}/{_folder}/{name}", copy, CancellationToken.None);
                    return copy.ToArray();
                }
        }
    }
}
