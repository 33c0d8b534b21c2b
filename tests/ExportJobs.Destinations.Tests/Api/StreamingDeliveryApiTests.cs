using System.Globalization;
using System.Net;
using System.Security.Cryptography;
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
/// End to end through the runner: a single-file run of about 12 MiB is streamed to s3rver (5 MiB parts, a multipart
/// upload) and Azurite (1 MiB blocks) while it is written, gzip off and on; the run's <c>fileSize</c> and
/// <c>checksum</c> are what an independent client reads back, and the destination logged the streamed path.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class StreamingDeliveryApiTests(S3rverServer s3, AzuriteServer azurite) : IAsyncLifetime
{
    private readonly string _bucket = "e2es-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "e2es-" + Guid.NewGuid().ToString("N")[..12];
    private DestinationApiHost _host = null!;
    private AmazonS3Client _s3 = null!;
    private BlobContainerClient _blobs = null!;

    public async Task InitializeAsync()
    {
        // About 12 MiB of CSV (12,000 records of a little over 1 KiB).
        _host = await DestinationApiHost.StartAsync(b => b.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(12_000, descriptionLength: 1024)));
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        _blobs = new BlobContainerClient(azurite.ConnectionString, _container);
        await _blobs.CreateAsync();
    }

    [Theory]
    [InlineData("s3", false)]
    [InlineData("s3", true)]
    [InlineData("azure-blob", false)]
    [InlineData("azure-blob", true)]
    public async Task Trigger_StreamedWhileWritten_ReadBackMatchesTheRunsSizeAndChecksum(string type, bool compress)
    {
        var created = await _host.PostAsync("/export-jobs", DestinationApiHost.Job(type, Config(type), compress));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var jobId = (await DestinationApiHost.ReadAsync(created))["id"]!.GetValue<string>();

        var run = await _host.TriggerAndWaitAsync(jobId);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        var fileName = run["fileName"]!.GetValue<string>();
        var content = type == "s3" ? await ReadS3Async(fileName) : (await _blobs.GetBlobClient($"exports/{fileName}").DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(run["fileSize"]!.GetValue<long>(), content.Length);
        Assert.Equal(run["checksum"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(content)));
        Assert.True(compress || content.Length > 10 * 1024 * 1024, $"The file ({content.Length} bytes) is not several parts.");
        var streamed = string.Create(CultureInfo.InvariantCulture, $"Run {run["id"]!.GetValue<string>()}: streamed {content.Length} bytes to");
        Assert.Contains(_host.Logs.Entries, e => e.Contains(streamed, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        _host.Logs.AssertContainsNone([AzuriteServer.AccountKey, S3rverServer.SecretAccessKey + "x"]);
        await _host.DisposeAsync();
        _s3.Dispose();
    }

    private async Task<byte[]> ReadS3Async(string fileName)
    {
        using var stored = await _s3.GetObjectAsync(_bucket, $"exports/{fileName}");
        await using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private JsonObject Config(string type)
    {
        if (type == "s3")
        {
            var config = s3.DestinationConfig(_bucket, "exports");
            config["partSizeMb"] = 5;
            return config;
        }

        return new JsonObject { ["container"] = _container, ["path"] = "exports", ["connectionString"] = azurite.ConnectionString, ["blockSizeMb"] = 1 };
    }
}
