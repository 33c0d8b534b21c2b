using System.Diagnostics;
using System.Globalization;

namespace ExportJobs.Benchmarks.Export;

/// <summary>The harness's helpers.</summary>
internal static class Harness
{
    public static readonly IReadOnlyDictionary<string, string> Scope = new Dictionary<string, string> { ["dim-language"] = "seg-en" };

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static double Rate(int records, Func<Task> action)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        action().GetAwaiter().GetResult();
        return records / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Times one full export, from trigger to recorded success; deleting its file afterwards is not timed.</summary>
    public static double Rate(int records, ExportEngine engine, string format, bool compress)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var run = engine.ExportAsync(format, compress).GetAwaiter().GetResult();
        var rate = records / watch.Elapsed.TotalSeconds;
        ExportEngine.Discard(run);
        return rate;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static long Peak(int records)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("ExportJobs.Benchmarks.Export", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(Harness).Assembly.Location);
        }

        start.ArgumentList.Add("--peak");
        start.ArgumentList.Add(records.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }
}
