// The dashboard's job list over 1,000 jobs, timed in Debian's chromium (issue 18): how long from the list response
// arriving to the table rendered, and how long a search and each status filter take in the page (performance.now()
// around the operation), medians of several repeats, with the requests the page made during each (must be none).
using System.Globalization;
using ExportJobs.Benchmarks.Dashboard;

var jobs = Option(args, "--jobs", 1000);
var repeats = Option(args, "--repeats", 7);
var dll = OptionText(args, "--sample") ?? FindSampleDll();
Console.WriteLine($"Dashboard list benchmark: {jobs} jobs, {repeats} repeats, sample {dll}");
Console.WriteLine($"Load average at start: {LoadAverage()}");

await using var server = await SampleServer.StartAsync(dll);
using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
var seeding = System.Diagnostics.Stopwatch.StartNew();
var set = await JobSet.CreateAsync(client, jobs);
Console.WriteLine($"Created {set.Count} jobs ({set.Failing} failing, {set.Running} running, {set.Paused} paused) in {seeding.Elapsed.TotalSeconds:F1} s through the API.");

await using var probe = await DashboardProbe.StartAsync(server.Address);
var figures = await probe.MeasureAsync(set, repeats);
figures.Print(Console.Out);
Console.WriteLine($"Load average at end: {LoadAverage()}");
return figures.AnyRequests ? 1 : 0;

static int Option(string[] args, string name, int fallback) =>
    OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

static string? OptionText(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string FindSampleDll()
{
    var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "ExportJobs.sln")))
        {
            var dll = Path.Combine(folder.FullName, "samples", "ExportJobs.Sample", "bin", configuration, "net10.0", "ExportJobs.Sample.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution (or the harness, which builds the sample) with -c {configuration} first.");
        }
    }

    throw new InvalidOperationException("ExportJobs.sln not found above the harness; pass --sample <path to ExportJobs.Sample.dll>.");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
