using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// <c>delivery</c>: time to delivery of demo records to S3 and Azure, per format and gzip setting. In every round, each
/// in a child process of its own and in alternating order: (A) export + delivery through the destination, (B) the same
/// export to a local folder, (C) the SDK's own upload (default options) of the file B writes, against the same server.
/// </summary>
internal static class DeliveryBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var records = options.Number("--records", 1_000_000);
        var rounds = options.Number("--rounds", 3);
        var pool = options.Number("--pool", 100_000);
        var compression = options.Text("--compression", "Fastest");
        var warmup = options.Number("--warmup", 100_000);
        var formats = options.List("--formats", "csv,json");
        var gzips = options.List("--gzip", "off,on").Select(g => g == "on").ToArray();
        var targets = options.List("--targets", $"{Endpoints.S3},{Endpoints.Azure}");
        var groups = formats.SelectMany(f => gzips.Select(g => (Format: f, Gzip: g))).ToArray();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery: {records:N0} records ({pool:N0} distinct, pre-generated), formats {string.Join(",", formats)}, gzip {string.Join(",", gzips.Select(On))} ({compression}), targets {string.Join(",", targets)}, {rounds} alternating rounds, warm-up {warmup:N0} records per side; {Environment.ProcessorCount} cores, load average {Figures.LoadAverage()}"));
        var results = new List<(string Format, bool Gzip, int Round, string Kind, string? Target, SideResult Result)>();
        var clock = Stopwatch.StartNew();
        var roundsDone = 0;
        foreach (var (format, gzip) in groups)
        {
            var (endpoints, servers) = await Endpoints.StartAsync(targets);
            await using (servers)
            {
                var folder = Directory.CreateTempSubdirectory("exportjobs-delivery-file-");
                try
                {
                    // The file C uploads: this export's own output, written once before the rounds (outside timing).
                    var file = Path.Combine(folder.FullName, $"export.{format}{(gzip ? ".gz" : string.Empty)}");
                    var prepared = await RunSideAsync(new SideSpec("local", null, format, gzip, records, pool, compression, null, null, file, endpoints));
                    Console.Error.WriteLine($"-- {format}, gzip {On(gzip)}: {Figures.MiB(prepared.FileBytes)} file ({Figures.Seconds(prepared.Seconds)} to write it)");
                    for (var round = 1; round <= rounds; round++)
                    {
                        var order = new List<(string Kind, string? Target)> { ("local", null) };
                        order.AddRange(targets.SelectMany(t => new (string, string?)[] { ("sdk", t), ("full", t) }));
                        if (round % 2 == 0)
                        {
                            order.Reverse();
                        }

                        foreach (var (kind, target) in order)
                        {
                            var spec = new SideSpec(kind, target, format, gzip, records, pool, compression, kind == "sdk" ? file : null, prepared.Sha256, null, endpoints, warmup);
                            var result = await RunSideAsync(spec);
                            results.Add((format, gzip, round, kind, target, result));
                            Console.Error.WriteLine($"   round {round} {kind} {target ?? "local-folder"}: {Figures.Seconds(result.Seconds)} (CPU {Cpu(result)}){(result.Verified ? string.Empty : " READ BACK DIFFERENT")}");
                        }

                        roundsDone++;
                        var estimate = clock.Elapsed / roundsDone * (groups.Length * rounds);
                        Console.Error.WriteLine($"   {Figures.Duration(clock.Elapsed)} so far, about {Figures.Duration(estimate)} in all (load average {Figures.LoadAverage()})");
                    }
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            }
        }

        Print(results, targets, groups, rounds);
        Console.WriteLine($"Took {Figures.Duration(clock.Elapsed)}; load average at the end {Figures.LoadAverage()}.");
        return results.All(r => r.Result.Verified) ? 0 : 1;
    }

    private static Task<SideResult> RunSideAsync(SideSpec spec) =>
        ChildProcess.RunAsync<SideResult>($"The {spec.Kind} side ({spec.Target}, {spec.Format}, gzip {On(spec.Gzip)})", "--side", JsonSerializer.Serialize(spec));

    private static string On(bool gzip) => gzip ? "on" : "off";

    private static string Cpu(SideResult side) => string.Create(CultureInfo.InvariantCulture, $"{side.CpuSeconds:0.00} + {side.ServerCpuSeconds:0.00} s");

    private static void Print(List<(string Format, bool Gzip, int Round, string Kind, string? Target, SideResult Result)> results, string[] targets, (string Format, bool Gzip)[] groups, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine("A = export + delivery through the destination (run start to run success); B = the same export to a local folder; C = the SDK's upload of B's file (default options). Medians of the rounds; ratios of the medians.");
        Console.WriteLine();
        Console.WriteLine("| target | format | gzip | file | A | B | C | A/max(B,C) (<= 1.15, goal 1.05) | A/(B+C) | A's PUTs before the last record was read | read back |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var perRound = new List<string>();
        foreach (var target in targets)
        {
            foreach (var (format, gzip) in groups)
            {
                List<SideResult> Of(string kind, string? t) => [.. results.Where(r => r.Format == format && r.Gzip == gzip && r.Kind == kind && r.Target == t).OrderBy(r => r.Round).Select(r => r.Result)];
                var a = Of("full", target);
                var b = Of("local", null);
                var c = Of("sdk", target);
                double Med(List<SideResult> side) => Figures.Median(side.Select(s => s.Seconds));
                var (ma, mb, mc) = (Med(a), Med(b), Med(c));
                var verified = a.Concat(b).Concat(c).All(s => s.Verified) ? "equal" : "DIFFERENT";
                Console.WriteLine($"| {target} | {format} | {On(gzip)} | {Figures.MiB(b[0].FileBytes)} | {Figures.Seconds(ma)} | {Figures.Seconds(mb)} | {Figures.Seconds(mc)} | {Figures.Ratio(ma / Math.Max(mb, mc))} | {Figures.Ratio(ma / (mb + mc))} | {string.Join(", ", a.Select(s => $"{s.PutsBeforeSourceEnd}/{s.Puts}"))} | {verified} |");
                for (var i = 0; i < Math.Min(rounds, Math.Min(a.Count, Math.Min(b.Count, c.Count))); i++)
                {
                    perRound.Add(string.Create(CultureInfo.InvariantCulture,
                        $"| {target} | {format} | {On(gzip)} | {i + 1} | {Figures.Seconds(a[i].Seconds)} | {Figures.Seconds(b[i].Seconds)} | {Figures.Seconds(c[i].Seconds)} | {Figures.Ratio(a[i].Seconds / Math.Max(b[i].Seconds, c[i].Seconds))} | {Figures.Ratio(a[i].Seconds / (b[i].Seconds + c[i].Seconds))} | {a[i].FirstPutSeconds:0.00} s / {a[i].SourceEndSeconds:0.00} s | {a[i].PeakRssBytes / 1048576.0:0} / {b[i].PeakRssBytes / 1048576.0:0} / {c[i].PeakRssBytes / 1048576.0:0} MiB | {Cpu(a[i])} / {Cpu(b[i])} / {Cpu(c[i])} |"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Per round (rounds alternate the order of the sides):");
        Console.WriteLine();
        Console.WriteLine("| target | format | gzip | round | A | B | C | A/max(B,C) | A/(B+C) | A: first PUT / last record read | peak RSS A / B / C | CPU A / B / C (harness + server) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        perRound.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"CPU time (user + system) of each side's process plus its server's (s3rver, Azurite), medians of the rounds. On {Environment.ProcessorCount} cores, A cannot take less than the CPU floor (B's CPU + C's CPU) / cores however well export and upload overlap: where floor/max(B,C) exceeds the bar, no overlap can meet it on this machine. The publish request (s3 CompleteMultipartUpload, Azure Put Block List) can only be sent once the whole file is written, so A takes at least B + its publish: s3rver copies every part into the object while it completes.");
        Console.WriteLine();
        Console.WriteLine("| target | format | gzip | CPU A (harness + server) | CPU B | CPU C (harness + server) | A's CPU beyond B + C | floor | floor/max(B,C) | A's publish (C's) | (B + A's publish)/max(B,C) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in targets)
        {
            foreach (var (format, gzip) in groups)
            {
                IEnumerable<SideResult> Of(string kind, string? t) => results.Where(r => r.Format == format && r.Gzip == gzip && r.Kind == kind && r.Target == t).Select(r => r.Result);
                double MedOf(IEnumerable<SideResult> side, Func<SideResult, double> value) => Figures.Median(side.Select(value));
                var (a, b, c) = (Of("full", target).ToList(), Of("local", null).ToList(), Of("sdk", target).ToList());
                var (aHarness, aServer) = (MedOf(a, s => s.CpuSeconds), MedOf(a, s => s.ServerCpuSeconds));
                var bCpu = MedOf(b, s => s.CpuSeconds);
                var (cHarness, cServer) = (MedOf(c, s => s.CpuSeconds), MedOf(c, s => s.ServerCpuSeconds));
                var floor = (bCpu + cHarness + cServer) / Environment.ProcessorCount;
                var larger = Math.Max(MedOf(b, s => s.Seconds), MedOf(c, s => s.Seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {target} | {format} | {On(gzip)} | {aHarness:0.00} + {aServer:0.00} s | {bCpu:0.00} s | {cHarness:0.00} + {cServer:0.00} s | {aHarness + aServer - (bCpu + cHarness + cServer):0.00} s | {Figures.Seconds(floor)} | {Figures.Ratio(floor / larger)} | {MedOf(a, s => s.PublishSeconds):0.00} s ({MedOf(c, s => s.PublishSeconds):0.00} s) | {Figures.Ratio((MedOf(b, s => s.Seconds) + MedOf(a, s => s.PublishSeconds)) / larger)} |"));
            }
        }

        var streamed = results.Where(r => r.Kind == "full").ToList();
        Console.WriteLine();
        Console.WriteLine(streamed.Any(r => r.Result.PutsBeforeSourceEnd > 0)
            ? $"Delivery overlapped the export: in {streamed.Count(r => r.Result.PutsBeforeSourceEnd > 0)} of {streamed.Count} A runs, upload requests (PUT) were sent before the export had read its last record."
            : $"Delivery did not overlap the export: in none of the {streamed.Count} A runs was an upload request (PUT) sent before the export had read its last record.");
    }
}
