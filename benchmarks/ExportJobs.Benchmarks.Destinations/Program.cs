using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ExportJobs.Benchmarks.Destinations;

// Usage: dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks.Destinations [-- --sizes 256,1024 --targets s3,azure-blob]
// Each (target, size) runs in a child process of its own so that its peak resident set (VmHWM) is its own.
if (args.Length > 0 && args[0] == "--child")
{
    var result = await LargeExport.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return result.Verified ? 0 : 1;
}

var sizes = Option("--sizes", "256,1024").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var targets = Option("--targets", "s3,azure-blob").Split(',');
var results = new List<LargeExportResult>();
foreach (var target in targets)
{
    foreach (var size in sizes)
    {
        Console.Error.WriteLine($"-- {target}, {size} MiB ...");
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("ExportJobs.Benchmarks.Destinations", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(LargeExport).Assembly.Location);
        }

        foreach (var a in new[] { "--child", target, size.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {target} {size} MiB run printed no result (exit {child.ExitCode}):\n{output}");
        results.Add(JsonSerializer.Deserialize<LargeExportResult>(line["RESULT ".Length..])!);
    }
}

Console.WriteLine("| target | file size | records | time | throughput | peak RSS | RSS before run | peak RSS - before | peak managed heap | read back SHA-256 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Target} | {r.FileBytes / 1048576.0:0} MiB | {r.Records:N0} | {r.Seconds:0.0} s | {r.FileBytes / 1048576.0 / r.Seconds:0} MiB/s | {r.PeakRssBytes / 1048576.0:0} MiB | {r.BaselineRssBytes / 1048576.0:0} MiB | {(r.PeakRssBytes - r.BaselineRssBytes) / 1048576.0:0} MiB | {r.PeakManagedBytes / 1048576.0:0} MiB | {(r.Verified ? "equal" : "DIFFERENT")} |"));
}

return results.All(r => r.Verified) ? 0 : 1;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
