using System.Globalization;
using System.Text.Json;
using ExportJobs.Benchmarks.Destinations;

// Usage (see README.md):
//   ... [--sizes 256,1024 --targets s3,azure-blob]      large exports with peak memory (the default mode)
//   ... delivery [--records 1000000 --rounds 3 ...]     time to delivery against local export + the SDK's upload
//   ... upload1g [--mib 1024 --rounds 3 ...]            the destinations' upload of one file against the SDKs'
// Every measured case runs in a child process of its own so that its peak resident set (VmHWM) is its own.
var options = new Options(args);
switch (args.FirstOrDefault())
{
    case "--child":
        var large = await LargeExport.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        ChildProcess.Print(large);
        return large.Verified ? 0 : 1;
    case "--side":
        var side = await Sides.RunAsync(JsonSerializer.Deserialize<SideSpec>(args[1])!);
        ChildProcess.Print(side);
        return side.Verified ? 0 : 1;
    case "delivery":
        return await DeliveryBenchmark.RunAsync(options);
    case "upload1g":
        return await UploadBenchmark.RunAsync(options);
}

var sizes = options.List("--sizes", "256,1024").Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var targets = options.List("--targets", "s3,azure-blob");
var results = new List<LargeExportResult>();
foreach (var target in targets)
{
    foreach (var size in sizes)
    {
        Console.Error.WriteLine($"-- {target}, {size} MiB ...");
        results.Add(await ChildProcess.RunAsync<LargeExportResult>($"The {target} {size} MiB run", "--child", target, size.ToString(CultureInfo.InvariantCulture)));
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
