using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Amazon.S3.Transfer;
using ExportJobs.Benchmarks.Export;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Sample.LocalFolder;
using ExportJobs.Testing.Destinations;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>The measured sides, each run in a child process of its own (<c>--side {json}</c>).</summary>
internal static class Sides
{
    public static Task<SideResult> RunAsync(SideSpec spec) => spec.Kind switch
    {
        "full" or "local" => ExportAsync(spec),
        "sdk" => SdkUploadAsync(spec),
        "destination" => DestinationUploadAsync(spec),
        "streamed" => StreamedUploadAsync(spec),
        _ => throw new ArgumentException($"Unknown side '{spec.Kind}'."),
    };

    /// <summary>A: the whole export + delivery through the destination; B: the same export to a local folder. Timed from run start to run success.</summary>
    private static async Task<SideResult> ExportAsync(SideSpec spec)
    {
        var pool = RecordPool.Create(Math.Min(spec.PoolSize, spec.Records));             // generated before anything is timed
        long sourceEnd = 0;
        var source = new PooledRecordSource(pool, 0);
        await using var host = await BenchHost.StartAsync(source, Enum.Parse<CompressionLevel>(spec.Compression, ignoreCase: true));
        var local = spec.Kind == "local";
        var job = local
            ? await host.CreateJobAsync(LocalFolderDestination.TypeName, new() { ["path"] = "out" }, spec.Format!, spec.Gzip)
            : await host.CreateJobAsync(spec.Target!, spec.Endpoints.DestinationConfig(spec.Target!), spec.Format!, spec.Gzip);
        if (spec.Warmup > 0)
        {
            source.Count = spec.Warmup;
            var warm = await host.RunAsync(job);
            if (warm.Status != ExportRunStatus.Success)
            {
                throw new InvalidOperationException($"The warm-up run failed: {warm.Error}");
            }

            if (local)
            {
                File.Delete(warm.DestinationPath!);
            }
            else
            {
                await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, warm.FileName!);
            }
        }

        source.Count = spec.Records;
        source.Finished = () =>
        {
            sourceEnd = Stopwatch.GetTimestamp();
            BenchTrace.Write("the export read its last record");
        };
        using var requests = new HttpRequestLog();
        var (run, timing) = await TimedAsync(spec.Endpoints.ServerProcessId(local ? null : spec.Target), () => host.RunAsync(job));
        if (run.Status != ExportRunStatus.Success)
        {
            throw new InvalidOperationException($"The run failed: {run.Error}");
        }

        bool verified;
        if (local)
        {
            verified = await Sha256OfFileAsync(run.DestinationPath!) == run.Checksum;
            if (spec.Keep is not null)
            {
                File.Move(run.DestinationPath!, spec.Keep, overwrite: true);
            }
        }
        else
        {
            verified = await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, run.FileName!) == run.Checksum;
        }

        return timing.Result(run.FileSize ?? 0, run.Checksum!, verified, requests, sourceEnd);
    }

    /// <summary>C: the SDK's own upload of the file with default options (TransferUtility for S3, BlobClient.UploadAsync(path) for Azure).</summary>
    private static async Task<SideResult> SdkUploadAsync(SideSpec spec)
    {
        var key = $"sdk/{Guid.NewGuid():N}/{Path.GetFileName(spec.File)}";
        if (spec.Warmup > 0)
        {
            await SdkWarmupAsync(spec);
        }

        using var requests = new HttpRequestLog();
        Timing timing;
        if (spec.Target == Endpoints.S3)
        {
            using var client = spec.Endpoints.S3Client();
            using var transfer = new TransferUtility(client);
            (_, timing) = await TimedAsync(spec.Endpoints.ServerProcessId(spec.Target), async () =>
            {
                await transfer.UploadAsync(spec.File!, Endpoints.Bucket, key);
                return 0;
            });
        }
        else
        {
            var blob = spec.Endpoints.BlobContainer().GetBlobClient(key);
            (_, timing) = await TimedAsync(spec.Endpoints.ServerProcessId(spec.Target), async () => (await blob.UploadAsync(spec.File!)).Value);
        }

        var verified = await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, key) == spec.FileSha256;
        return timing.Result(new FileInfo(spec.File!).Length, spec.FileSha256!, verified, requests, 0);
    }

    /// <summary>Uploads the first <c>Warmup / 4,000</c> MiB of the file (about the size of that many records as csv) the way the timed part does, then removes it.</summary>
    private static async Task SdkWarmupAsync(SideSpec spec)
    {
        var warmFile = Path.Combine(Path.GetDirectoryName(spec.File)!, $"warmup-{Guid.NewGuid():N}.bin");
        try
        {
            await using (var source = File.OpenRead(spec.File!))
            await using (var target = File.Create(warmFile))
            {
                var buffer = new byte[Math.Min(source.Length, Math.Max(1, spec.Warmup / 4_000) * 1024L * 1024L)];
                await source.ReadExactlyAsync(buffer);
                await target.WriteAsync(buffer);
            }

            var key = $"warmup/{Guid.NewGuid():N}";
            if (spec.Target == Endpoints.S3)
            {
                using var client = spec.Endpoints.S3Client();
                using var transfer = new TransferUtility(client);
                await transfer.UploadAsync(warmFile, Endpoints.Bucket, key);
            }
            else
            {
                await spec.Endpoints.BlobContainer().GetBlobClient(key).UploadAsync(warmFile);
            }

            await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, key);
        }
        finally
        {
            File.Delete(warmFile);
        }
    }

    /// <summary>The destination's own delivery of a finished file: <c>DeliverAsync</c> with an <see cref="ExportDelivery"/> for it.</summary>
    private static async Task<SideResult> DestinationUploadAsync(SideSpec spec)
    {
        await using var host = await BenchHost.StartAsync(new PooledRecordSource(RecordPool.Create(0), 0), CompressionLevel.Optimal);  // no export runs
        var destination = host.Services.GetRequiredKeyedService<IExportDestination>(spec.Target);
        var job = new ExportJob("upload-bench", new ExportJobDefinition
        {
            Name = "upload bench",
            DestinationType = spec.Target!,
            DestinationConfig = spec.Endpoints.DestinationConfig(spec.Target!),
            Format = "csv",
            Schedule = "0 0 1 1 *",
            Active = false,
        });
        var runId = Guid.NewGuid().ToString("N");
        var delivery = new ExportDelivery(spec.File!)
        {
            Job = job,
            RunId = runId,
            IdempotencyKey = runId,
            FileName = $"destination/{runId}/{Path.GetFileName(spec.File)}",
            ContentType = "application/octet-stream",
            Length = new FileInfo(spec.File!).Length,
            Sha256 = spec.FileSha256!,
        };

        using var requests = new HttpRequestLog();
        var (_, timing) = await TimedAsync(spec.Endpoints.ServerProcessId(spec.Target), () => destination.DeliverAsync(delivery, CancellationToken.None));
        var verified = await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, delivery.FileName) == spec.FileSha256;
        return timing.Result(delivery.Length, spec.FileSha256!, verified, requests, 0);
    }

    /// <summary>
    /// The destination's streamed delivery (<c>DeliverStreamingAsync</c>) fed from the file: its bytes are appended to a
    /// growing spool file in 1 MiB writes (hashed as they go, as a run does) while the destination uploads behind them.
    /// Timed from the first write to the delivery's end.
    /// </summary>
    private static async Task<SideResult> StreamedUploadAsync(SideSpec spec)
    {
        await using var host = await BenchHost.StartAsync(new PooledRecordSource(RecordPool.Create(0), 0), CompressionLevel.Optimal);  // no export runs
        var destination = host.Services.GetRequiredKeyedService<IExportDestination>(spec.Target);
        var config = spec.Endpoints.DestinationConfig(spec.Target!);
        if (!destination.SupportsStreaming(config))
        {
            return new SideResult(0, 0, spec.FileSha256!, true, 0, 0, 0, 0, -1, -1, $"{spec.Target} does not stream (SupportsStreaming is false)");
        }

        var fileName = $"streamed/{Guid.NewGuid():N}/{Path.GetFileName(spec.File)}";
        await using var feed = new StreamingDeliveryFeed(spec.Target!, config) { FileName = fileName, ContentType = "application/octet-stream" };
        await using var source = new FileStream(spec.File!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[1024 * 1024];
        using var requests = new HttpRequestLog();
        long fed = 0;
        var (summary, timing) = await TimedAsync(spec.Endpoints.ServerProcessId(spec.Target), async () =>
        {
            var delivering = destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0 && !delivering.IsCompleted)
            {
                await feed.WriteAsync(buffer.AsMemory(0, read));
            }

            if (delivering.IsCompleted)
            {
                await delivering;                                              // throws what the delivery failed with
                throw new InvalidOperationException("The streamed delivery ended before the file was complete.");
            }

            fed = Stopwatch.GetTimestamp();
            var written = await feed.CompleteAsync();
            await delivering;
            return written;
        });
        var verified = summary.Sha256 == spec.FileSha256 && await spec.Endpoints.ReadBackAndDeleteAsync(spec.Target!, fileName) == spec.FileSha256;
        return timing.Result(summary.Length, summary.Sha256, verified, requests, fed);
    }

    private static async Task<(T Value, Timing Timing)> TimedAsync<T>(int serverProcessId, Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = MemorySampler.PeakResidentBytes();
        var (ownCpu, serverCpu) = (CpuTime.Own(), CpuTime.Of(serverProcessId));
        BenchTrace.Write("timed part starts");
        var start = Stopwatch.GetTimestamp();
        var value = await work();
        var end = Stopwatch.GetTimestamp();
        var cpu = (CpuTime.Own() - ownCpu).TotalSeconds;
        var server = (CpuTime.Of(serverProcessId) - serverCpu).TotalSeconds;
        return (value, new Timing(start, end, baseline, MemorySampler.PeakResidentBytes(), cpu, server));
    }

    private static async Task<string> Sha256OfFileAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private sealed record Timing(long Start, long End, long BaselineRss, long PeakRss, double Cpu, double ServerCpu)
    {
        public SideResult Result(long fileBytes, string sha256, bool verified, HttpRequestLog requests, long sourceEnd)
        {
            var puts = requests.Puts.Where(t => t >= Start && t <= End).ToList();
            return new SideResult(
                Stopwatch.GetElapsedTime(Start, End).TotalSeconds,
                fileBytes,
                sha256,
                verified,
                BaselineRss,
                PeakRss,
                puts.Count,
                sourceEnd == 0 ? 0 : puts.Count(t => t < sourceEnd),
                puts.Count == 0 ? -1 : Stopwatch.GetElapsedTime(Start, puts[0]).TotalSeconds,
                sourceEnd == 0 ? -1 : Stopwatch.GetElapsedTime(Start, sourceEnd).TotalSeconds,
                CpuSeconds: Cpu,
                ServerCpuSeconds: ServerCpu,
                PublishSeconds: requests.Publishes.Where(p => p.Start >= Start && p.End <= End).Sum(p => Stopwatch.GetElapsedTime(p.Start, p.End).TotalSeconds));
        }
    }
}
