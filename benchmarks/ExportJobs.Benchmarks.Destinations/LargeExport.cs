using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// One export of at least <c>sizeMiB</c> through the real pipeline (generated records -> CSV -> spool file -> destination)
/// to s3rver or Azurite on loopback, then the delivered object is downloaded and its SHA-256 compared with the run's.
/// </summary>
internal static class LargeExport
{
    private const int DescriptionLength = 900;

    public static async Task<LargeExportResult> RunAsync(string target, int sizeMiB)
    {
        await using var s3 = target == "s3" ? new S3rverServer() : null;
        await using var azurite = target == "azure-blob" ? new AzuriteServer() : null;
        await (s3?.InitializeAsync() ?? Task.CompletedTask);
        await (azurite?.InitializeAsync() ?? Task.CompletedTask);
        using var folder = new TempDirectory();

        var records = (long)sizeMiB * 1024 * 1024 / DescriptionLength;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs(o => o.SpoolDirectory = folder.Path)
            .UseLiteDb($"Filename={folder.File("exportjobs.db")}")
            .AddStandardDestinations()
            .ConfigureNetwork(o => o.Allow.Add("127.0.0.0/8"));                   // s3rver and Azurite listen on loopback
        services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(records, DescriptionLength));
        await using var provider = services.BuildServiceProvider();

        var config = s3 is not null ? await S3ConfigAsync(s3) : await AzureConfigAsync(azurite!);
        var manager = provider.GetRequiredService<ExportJobManager>();
        var created = await manager.CreateAsync(new ExportJobDefinition { Name = "Large export", DestinationType = target, DestinationConfig = config, Format = "csv", Schedule = "0 0 1 1 *", Active = false });
        var job = (await provider.GetRequiredService<ExportJobStore>().GetJobAsync(created.Value!.Job.Id))!;

        GC.Collect();
        var baseline = MemorySampler.PeakResidentBytes();
        var clock = Stopwatch.StartNew();
        ExportRun run;
        long peakManaged;
        await using (var sampler = new MemorySampler())
        {
            var handle = await provider.GetRequiredService<IExportRunDispatcher>().TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual));
            run = await handle!.Completion;
            peakManaged = sampler.PeakManagedBytes;
        }

        clock.Stop();
        var peak = MemorySampler.PeakResidentBytes();
        if (run.Status != ExportRunStatus.Success)
        {
            throw new InvalidOperationException($"The run failed: {run.Error}");
        }

        var readBack = s3 is not null ? await S3Sha256Async(s3, config, run) : await AzureSha256Async(azurite!, config, run);
        return new LargeExportResult(target, run.RecordCount ?? 0, run.FileSize ?? 0, clock.Elapsed.TotalSeconds, baseline, peak, peakManaged, readBack == run.Checksum);
    }

    private static async Task<JsonObject> S3ConfigAsync(S3rverServer server)
    {
        using var client = S3Client(server);
        await client.PutBucketAsync("large");
        return new JsonObject
        {
            ["bucket"] = "large",
            ["serviceUrl"] = server.ServiceUrl.ToString(),
            ["forcePathStyle"] = true,
            ["accessKeyId"] = S3rverServer.AccessKeyId,
            ["secretAccessKey"] = S3rverServer.SecretAccessKey,
            ["useChunkEncoding"] = false,
        };
    }

    private static async Task<JsonObject> AzureConfigAsync(AzuriteServer server)
    {
        await new BlobContainerClient(server.ConnectionString, "large").CreateAsync();
        return new JsonObject { ["container"] = "large", ["connectionString"] = server.ConnectionString };
    }

    private static async Task<string> S3Sha256Async(S3rverServer server, JsonObject config, ExportRun run)
    {
        using var client = S3Client(server);
        using var response = await client.GetObjectAsync((string)config["bucket"]!, run.FileName);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(response.ResponseStream));
    }

    private static async Task<string> AzureSha256Async(AzuriteServer server, JsonObject config, ExportRun run)
    {
        var blob = new BlobContainerClient(server.ConnectionString, (string)config["container"]!).GetBlobClient(run.FileName);
        await using var stream = await blob.OpenReadAsync();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    private static AmazonS3Client S3Client(S3rverServer server) =>
        new(new BasicAWSCredentials(S3rverServer.AccessKeyId, S3rverServer.SecretAccessKey), new AmazonS3Config { ServiceURL = server.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED });
}
