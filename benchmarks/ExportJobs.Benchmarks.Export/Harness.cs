using System.Diagnostics;
using System.Globalization;

namespace ExportJobs.Benchmarks.Export;

/// <summary>The harness's helpers.</summary>
internal static class Harness
{
    public static readonly IReadOnlyDictionary<string, string> Scope = new Dictionary<string, string> { ["dim-language"] = "seg-en" };

    /// <summary>Every format the harness measures, in table order.</summary>
    public static readonly string[] AllFormats = ["csv", "json", "jsonl", "xml", "xlsx", "parquet"];

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The formats of <c>--formats csv,xlsx,...</c> (default: all), in table order.</summary>
    public static string[] Formats(string[] args)
    {
        var i = Array.IndexOf(args, "--formats");
        if (i < 0 || i + 1 >= args.Length)
        {
            return AllFormats;
        }

        var chosen = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = chosen.Except(AllFormats).ToList();
        return unknown.Count == 0 ? [.. AllFormats.Where(chosen.Contains)] : throw new ArgumentException($"Unknown formats: {string.Join(", ", unknown)} (known: {string.Join(", ", AllFormats)}).");
    }

    /// <summary>Whether a job of the format may be gzipped (xlsx is a zip already and refuses it).</summary>
    public static bool Gzips(string format) => format != "xlsx";

    /// <summary>Times <paramref name="action"/> (which returns the bytes it wrote): records per second of wall-clock time, and the process's CPU time per record.</summary>
    public static Sample Rate(int records, Func<Task<long>> action)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var bytes = action().GetAwaiter().GetResult();
        var elapsed = watch.Elapsed;
        return new Sample(records / elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / records, bytes);
    }

    /// <summary>Times one full export, from trigger to recorded success; deleting its file afterwards is not timed.</summary>
    public static Sample Rate(int records, ExportEngine engine, string format, bool compress)
    {
        ExportJobs.Model.ExportRun? run = null;
        var sample = Rate(records, async () =>
        {
            run = await engine.ExportAsync(format, compress);
            return run.FileSize ?? 0;
        });
        ExportEngine.Discard(run!);
        return sample;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The peak working set of a child process that exports <paramref name="format"/> once (gzip off, and on where allowed) at <paramref name="records"/> demo records generated on the fly.</summary>
    public static long Peak(int records, string format)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("ExportJobs.Benchmarks.Export", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(Harness).Assembly.Location);
        }

        start.ArgumentList.Add("--peak");
        start.ArgumentList.Add(records.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--formats");
        start.ArgumentList.Add(format);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The peak-memory child for {format} at {records:N0} records exited with {child.ExitCode}.");
        }

        return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }
}
