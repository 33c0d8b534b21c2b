using System.Diagnostics;
using System.Globalization;
using ExportJobs.Benchmarks.Export;

// Usage: dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks.Export [-- --records 1000000 --iterations 3]
//        (--peak N runs every format once, gzip off and on, at N records and prints the process's peak working set.)
var records = Harness.Arg(args, "--records", 1_000_000);
var iterations = Harness.Arg(args, "--iterations", 3);
string[] formats = ["csv", "json", "jsonl", "xml"];

if (args.Contains("--peak"))
{
    var count = Harness.Arg(args, "--peak", 10_000);
    await using var engine = await ExportEngine.StartAsync(count);
    foreach (var format in formats)
    {
        await engine.ExportAsync(format, compress: false);
        await engine.ExportAsync(format, compress: true);
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
        await warm.ExportAsync(format, false);
        await warm.ExportAsync(format, true);
    }
}

var results = formats.ToDictionary(f => f, _ => (Raw: new List<double>(), Full: new List<double>(), Gzip: new List<double>()));
await using (var engine = await ExportEngine.StartAsync(records))
{
    for (var i = 0; i < iterations; i++)
    {
        foreach (var format in formats)
        {
            var r = results[format];
            r.Raw.Add(Harness.Rate(records, () => { RawSerializers.Run(format, records); return Task.CompletedTask; }));
            r.Full.Add(Harness.Rate(records, () => engine.ExportAsync(format, false)));
            r.Gzip.Add(Harness.Rate(records, () => engine.ExportAsync(format, true)));
        }
    }
}

Console.WriteLine();
Console.WriteLine($"{"format",-7}{"raw rec/s",12}{"full rec/s",12}{"full/raw",10}{"gzip rec/s",12}{"gzip/raw",10}   targets: full/raw >= 0.80, gzip/raw >= 0.70");
foreach (var format in formats)
{
    var (raw, full, gzip) = (Harness.Median(results[format].Raw), Harness.Median(results[format].Full), Harness.Median(results[format].Gzip));
    Console.WriteLine($"{format,-7}{raw,12:N0}{full,12:N0}{full / raw,10:F2}{gzip,12:N0}{gzip / raw,10:F2}   {(full / raw >= 0.8 ? "ok" : "MISSED")} / {(gzip / raw >= 0.7 ? "ok" : "MISSED")}");
}

Console.WriteLine();
var small = Harness.Peak(10_000);
var large = Harness.Peak(records);
Console.WriteLine($"peak working set (own process, all formats, gzip off and on): 10,000 records {small / 1e6:F1} MB; {records:N0} records {large / 1e6:F1} MB; difference {(large - small) / 1e6:F1} MB (target <= 50 MB)");
