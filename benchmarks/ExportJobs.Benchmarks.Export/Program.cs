using System.Diagnostics;
using System.Globalization;
using ExportJobs.Benchmarks.Export;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;

// Usage: dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks.Export
//            [-- --records 1000000 --iterations 5 --formats csv,json,jsonl,xml,xlsx,parquet --pool 100000 --generate]
//        (--peak N exports the --formats once each, gzip off and on where allowed, at N records generated on the fly
//        and prints the process's peak working set: the child process of the memory figures.
//        --measure raw|full runs one side of one format, warmed up, once at --records over a 20,000-record pool and
//        prints its bytes and allocations: the process to run under valgrind for instruction counts, see Measure.cs.)
var records = Harness.Arg(args, "--records", 1_000_000);
var iterations = Harness.Arg(args, "--iterations", 5);
var formats = Harness.Formats(args);

if (args.Contains("--measure"))
{
    await Measure.RunAsync(args, records, formats.Single());
    return;
}

if (args.Contains("--peak"))
{
    var count = Harness.Arg(args, "--peak", 10_000);
    await using var engine = await ExportEngine.StartAsync(count);
    foreach (var format in formats)
    {
        ExportEngine.Discard(await engine.ExportAsync(format, compress: false));
        if (Harness.Gzips(format))
        {
            ExportEngine.Discard(await engine.ExportAsync(format, compress: true));
        }
    }

    using var self = Process.GetCurrentProcess();
    Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
    return;
}

// Records are generated once, before anything is timed, and both sides read the same pool (--generate: both sides
// generate them on the fly instead, the method of the issue-3 figures).
RecordPool? pool = null;
Func<int, ExportRecord> source = i => DemoCatalog.Create(i);
var generation = Stopwatch.StartNew();
if (!args.Contains("--generate"))
{
    var created = RecordPool.Create(Math.Min(records, Harness.Arg(args, "--pool", 100_000)));
    pool = created;
    source = i => created[i];
}

Console.WriteLine($"ExportJobs export benchmark: {records:N0} demo records, {iterations} iterations (median), {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine(pool is null
    ? "records: generated on the fly by both sides (--generate)"
    : $"records: {pool.Size:N0} distinct demo records generated before timing ({generation.Elapsed.TotalSeconds:F1} s), record i = pool[i % {pool.Size:N0}] on both sides");
Console.WriteLine("raw = serializer alone to a stream that counts and discards the bytes; full = trigger -> record source -> flatten -> writer -> spool file (+SHA-256) -> local-folder, run recorded");
await using (var warm = await ExportEngine.StartAsync(20_000, pool))
{
    foreach (var format in formats)
    {
        RawSerializers.Run(format, 20_000, source);
        ExportEngine.Discard(await warm.ExportAsync(format, false));
        if (Harness.Gzips(format))
        {
            ExportEngine.Discard(await warm.ExportAsync(format, true));
        }
    }
}

// Each iteration measures raw, full and gzip of one format back to back (in alternating order), so each ratio compares
// figures taken seconds apart; the table gives the medians of the rates and of the per-iteration ratios.
var results = formats.ToDictionary(f => f, _ => new Measurements());
await using (var engine = await ExportEngine.StartAsync(records, pool))
{
    for (var i = 0; i < iterations; i++)
    {
        foreach (var format in formats)
        {
            var m = results[format];
            Sample raw = default, full = default;
            Sample? gzip = null;
            var steps = new List<Action>
            {
                () => raw = Harness.Rate(records, () => Task.FromResult(RawSerializers.Run(format, records, source))),
                () => full = Harness.Rate(records, engine, format, compress: false),
            };
            if (Harness.Gzips(format))
            {
                steps.Add(() => gzip = Harness.Rate(records, engine, format, compress: true));
            }

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
Console.WriteLine($"{"format",-8}{"raw rec/s",12}{"full rec/s",12}{"full/raw",10}{"gzip rec/s",12}{"gzip/raw",10}   targets: full/raw >= 0.80, gzip/raw >= 0.70 (ratios: median of per-iteration ratios)");
foreach (var format in formats)
{
    var m = results[format];
    var full = Harness.Median(m.FullRatio);
    if (m.Gzip.Count == 0)
    {
        Console.WriteLine($"{format,-8}{Harness.Median(m.Raw),12:N0}{Harness.Median(m.Full),12:N0}{full,10:F2}{"-",12}{"-",10}   {(full >= 0.8 ? "ok" : "MISSED")} / (no gzip: a zip already)");
        continue;
    }

    var gzip = Harness.Median(m.GzipRatio);
    Console.WriteLine($"{format,-8}{Harness.Median(m.Raw),12:N0}{Harness.Median(m.Full),12:N0}{full,10:F2}{Harness.Median(m.Gzip),12:N0}{gzip,10:F2}   {(full >= 0.8 ? "ok" : "MISSED")} / {(gzip >= 0.7 ? "ok" : "MISSED")}");
}

Console.WriteLine();
Console.WriteLine("per-iteration full/raw: " + string.Join("; ", formats.Select(f => $"{f} " + string.Join(" ", results[f].FullRatio.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))))));
Console.WriteLine("per-iteration gzip/raw: " + string.Join("; ", formats.Where(Harness.Gzips).Select(f => $"{f} " + string.Join(" ", results[f].GzipRatio.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))))));

Console.WriteLine();
Console.WriteLine("CPU time per record, every thread of the process (less disturbed by other processes than wall-clock rates; full includes the file stage's SHA-256 and file writes on the other core):");
Console.WriteLine($"{"format",-8}{"raw µs",10}{"full µs",10}{"raw/full",10}   per iteration raw/full");
foreach (var format in formats)
{
    var m = results[format];
    Console.WriteLine($"{format,-8}{Harness.Median(m.RawCpu),10:F2}{Harness.Median(m.FullCpu),10:F2}{Harness.Median(m.CpuRatio),10:F2}   {string.Join(" ", m.CpuRatio.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
}

Console.WriteLine();
Console.WriteLine("output bytes (same records, gzip off): the bare serializer's count and the full side's file; equal bytes = both sides wrote the same output");
Console.WriteLine($"{"format",-8}{"raw bytes",16}{"full bytes",16}{"full-raw",12}");
foreach (var format in formats)
{
    var m = results[format];
    Console.WriteLine($"{format,-8}{m.RawBytes,16:N0}{m.FullBytes,16:N0}{m.FullBytes - m.RawBytes,12:N0}   {(m.FullBytes == m.RawBytes ? "same size" : "DIFFERENT")}");
}

Console.WriteLine();
Console.WriteLine($"peak working set: one child process per format and record count, exporting it once (gzip off, and on where allowed), records generated on the fly (target: {records:N0} within 50 MB of 10,000)");
Console.WriteLine($"{"format",-8}{"10,000",12}{records,14:N0}{"difference",12}");
foreach (var format in formats)
{
    var small = Harness.Peak(10_000, format);
    var large = Harness.Peak(records, format);
    var difference = (large - small) / 1e6;
    Console.WriteLine($"{format,-8}{small / 1e6,9:F1} MB{large / 1e6,11:F1} MB{difference,9:F1} MB   {(difference <= 50 ? "ok" : "MISSED")}");
}

Console.WriteLine();
Console.WriteLine($"load average at the end {LoadAverage()}");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
