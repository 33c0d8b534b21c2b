using System.Diagnostics;
using System.Globalization;
using ExportJobs.Benchmarks.Export;

// Usage: dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks.Export [-- --records 1000000 --iterations 3]
//        (--peak N runs every format once, gzip off and on, at N records and prints the process's peak working set.)
var records = Harness.Arg(args, "--records", 1_000_000);
var iterations = Harness.Arg(args, "--iterations", 5);
string[] formats = ["csv", "json", "jsonl", "xml"];

if (args.Contains("--peak"))
{
    var count = Harness.Arg(args, "--peak", 10_000);
    await using var engine = await ExportEngine.StartAsync(count);
    foreach (var format in formats)
    {
        ExportEngine.Discard(await engine.ExportAsync(format, compress: false));
        ExportEngine.Discard(await engine.ExportAsync(format, compress: true));
    }

    using var self = Process.GetCurrentProcess();
    Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
    return;
}

Console.WriteLine($"ExportJobs export benchmark: {records:N0} demo records, {iterations} iterations (median), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine("raw = serializer alone to Stream.Null; full = trigger -> demo source -> flatten -> writer -> spool file (+SHA-256) -> local-folder, run recorded");
await using (var warm = await ExportEngine.StartAsync(20_000))
{
    foreach (var format in formats)
    {
        RawSerializers.Run(format, 20_000);
        ExportEngine.Discard(await warm.ExportAsync(format, false));
        ExportEngine.Discard(await warm.ExportAsync(format, true));
    }
}

// Each iteration measures raw, full and gzip of one format back to back (in alternating order), so each ratio compares
// figures taken seconds apart; the table gives the medians of the rates and of the per-iteration ratios.
var results = formats.ToDictionary(f => f, _ => new Measurements());
await using (var engine = await ExportEngine.StartAsync(records))
{
    for (var i = 0; i < iterations; i++)
    {
        foreach (var format in formats)
        {
            var m = results[format];
            double raw = 0, full = 0, gzip = 0;
            var steps = new List<Action>
            {
                () => raw = Harness.Rate(records, () => { RawSerializers.Run(format, records); return Task.CompletedTask; }),
                () => full = Harness.Rate(records, engine, format, compress: false),
                () => gzip = Harness.Rate(records, engine, format, compress: true),
            };
            if (i % 2 == 1)
            {
                steps.Reverse();
            }

            steps.ForEach(step => step());
            m.Add(raw, full, gzip);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"{"format",-7}{"raw rec/s",12}{"full rec/s",12}{"full/raw",10}{"gzip rec/s",12}{"gzip/raw",10}   targets: full/raw >= 0.80, gzip/raw >= 0.70 (ratios: median of per-iteration ratios)");
foreach (var format in formats)
{
    var m = results[format];
    var (full, gzip) = (Harness.Median(m.FullRatio), Harness.Median(m.GzipRatio));
    Console.WriteLine($"{format,-7}{Harness.Median(m.Raw),12:N0}{Harness.Median(m.Full),12:N0}{full,10:F2}{Harness.Median(m.Gzip),12:N0}{gzip,10:F2}   {(full >= 0.8 ? "ok" : "MISSED")} / {(gzip >= 0.7 ? "ok" : "MISSED")}");
}

Console.WriteLine();
Console.WriteLine("per-iteration full/raw: " + string.Join("; ", formats.Select(f => $"{f} " + string.Join(" ", results[f].FullRatio.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))))));
Console.WriteLine("per-iteration gzip/raw: " + string.Join("; ", formats.Select(f => $"{f} " + string.Join(" ", results[f].GzipRatio.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))))));

Console.WriteLine();
var small = Harness.Peak(10_000);
var large = Harness.Peak(records);
Console.WriteLine($"peak working set (own process, all formats, gzip off and on): 10,000 records {small / 1e6:F1} MB; {records:N0} records {large / 1e6:F1} MB; difference {(large - small) / 1e6:F1} MB (target <= 50 MB)");
