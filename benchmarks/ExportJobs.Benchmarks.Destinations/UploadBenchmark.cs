using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// <c>upload1g</c>: one large file, generated once outside timing, uploaded through the <c>s3</c> and <c>azure-blob</c>
/// destinations' own delivery and through the SDKs with default options (TransferUtility, BlobClient.UploadAsync),
/// same server, same file, each upload in a child process of its own (its own peak RSS), alternating order per round.
/// </summary>
internal static class UploadBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var mib = options.Number("--mib", 1024);
        var rounds = options.Number("--rounds", 3);
        var targets = options.List("--targets", $"{Endpoints.S3},{Endpoints.Azure}");
        var kinds = options.List("--sides", "destination,streamed,sdk");
        Console.WriteLine($"upload1g: a {mib} MiB file, targets {string.Join(",", targets)}, {rounds} alternating rounds; load average {Figures.LoadAverage()}");

        var folder = Directory.CreateTempSubdirectory("exportjobs-upload-bench-");
        var results = new List<(string Target, string Kind, int Round, SideResult Result)>();
        var clock = Stopwatch.StartNew();
        try
        {
            var file = Path.Combine(folder.FullName, $"upload-{mib}mib.bin");
            var sha256 = await GenerateAsync(file, (long)mib * 1024 * 1024);
            Console.Error.WriteLine($"-- generated {file} ({Figures.Duration(clock.Elapsed)})");
            var roundsDone = 0;
            foreach (var target in targets)
            {
                var (endpoints, servers) = await Endpoints.StartAsync([target]);
                await using (servers)
                {
                    for (var round = 1; round <= rounds; round++)
                    {
                        foreach (var kind in round % 2 == 1 ? kinds : kinds.Reverse())
                        {
                            if (kind == "streamed" && results.Any(r => r.Target == target && r.Kind == kind && r.Result.Skipped is not null))
                            {
                                continue;                                      // the destination said so in round 1
                            }

                            var spec = new SideSpec(kind, target, null, false, 0, 0, "Optimal", file, sha256, null, endpoints);
                            var result = await ChildProcess.RunAsync<SideResult>($"The {kind} upload to {target}", "--side", JsonSerializer.Serialize(spec));
                            results.Add((target, kind, round, result));
                            Console.Error.WriteLine(result.Skipped is not null
                                ? $"   {target} round {round} {kind}: skipped, {result.Skipped}"
                                : $"   {target} round {round} {kind}: {Figures.Seconds(result.Seconds)}, peak RSS {Figures.MiB(result.PeakRssBytes)}, CPU {result.CpuSeconds:0.00} + {result.ServerCpuSeconds:0.00} s (harness + server){(result.Verified ? string.Empty : " READ BACK DIFFERENT")}");
                        }

                        roundsDone++;
                        var estimate = clock.Elapsed / roundsDone * (targets.Length * rounds);
                        Console.Error.WriteLine($"   {Figures.Duration(clock.Elapsed)} so far, about {Figures.Duration(estimate)} in all (load average {Figures.LoadAverage()})");
                    }
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("destination = the destination's DeliverAsync of the finished file (its default parts/blocks in flight); streamed = its DeliverStreamingAsync while the file is copied into a growing spool file (1 MiB writes); sdk = TransferUtility.UploadAsync / BlobClient.UploadAsync(path), default options. Medians of the rounds.");
        Console.WriteLine();
        Console.WriteLine("| target | side | time | throughput | / sdk (<= 1.0) | peak RSS | peak RSS - before | rounds | peak RSS per round | PUTs before the file was complete | read back SHA-256 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in targets)
        {
            var sdk = Figures.Median(results.Where(r => r.Target == target && r.Kind == "sdk").Select(r => r.Result.Seconds));
            foreach (var kind in kinds)
            {
                var side = results.Where(r => r.Target == target && r.Kind == kind).OrderBy(r => r.Round).Select(r => r.Result).ToList();
                if (side.Count == 0 || side[0].Skipped is not null)
                {
                    Console.WriteLine($"| {target} | {kind} | {side.FirstOrDefault()?.Skipped ?? "not run"} | | | | | | | | |");
                    continue;
                }

                var time = Figures.Median(side.Select(s => s.Seconds));
                var peak = (long)Figures.Median(side.Select(s => (double)s.PeakRssBytes));
                var growth = (long)Figures.Median(side.Select(s => (double)(s.PeakRssBytes - s.BaselineRssBytes)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {target} | {kind} | {Figures.Seconds(time)} | {side[0].FileBytes / 1048576.0 / time:0} MiB/s | {Figures.Ratio(time / sdk)} | {Figures.MiB(peak)} | {Figures.MiB(growth)} | {string.Join(", ", side.Select(s => Figures.Seconds(s.Seconds)))} | {string.Join(", ", side.Select(s => Figures.MiB(s.PeakRssBytes)))} | {(kind == "streamed" ? string.Join(", ", side.Select(s => $"{s.PutsBeforeSourceEnd}/{s.Puts}")) : "-")} | {(side.All(s => s.Verified) ? "equal" : "DIFFERENT")} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Took {Figures.Duration(clock.Elapsed)}; load average at the end {Figures.LoadAverage()}.");
        return results.All(r => r.Result.Verified) ? 0 : 1;
    }

    /// <summary>Writes <paramref name="bytes"/> of seeded pseudo-random data (incompressible, the same every time) and returns its SHA-256.</summary>
    private static async Task<string> GenerateAsync(string path, long bytes)
    {
        var random = new Random(20261201);
        var buffer = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            for (long written = 0; written < bytes; written += buffer.Length)
            {
                var count = (int)Math.Min(buffer.Length, bytes - written);
                random.NextBytes(buffer.AsSpan(0, count));
                hash.AppendData(buffer, 0, count);
                await file.WriteAsync(buffer.AsMemory(0, count));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
