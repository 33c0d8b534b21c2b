using System.Globalization;
using ExportJobs.Benchmarks;
using ExportJobs.Storage.LiteDb;

// Usage: dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks -- <store|http|all|postgres> [runs-per-job] [seconds-per-measurement]
//        dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks -- retention [litedb|postgres|both] [days]
//        dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks -- list [jobs] [seconds-per-measurement] [litedb|postgres|both]
// See benchmarks/README.md.
var name = args.Length > 0 ? args[0] : "all";
if (name == "retention")
{
    // retention [litedb|postgres|both] [days]: a simulated year (or days) of 50 jobs every 15 minutes with the default retention.
    var which = args.Length > 1 ? args[1] : "both";
    var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 365;
    var retentionFolder = Path.Combine(Path.GetTempPath(), $"exportjobs-bench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(retentionFolder);
    try
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        await RetentionBenchmarks.RunAsync(retentionFolder, liteDb: which is "litedb" or "both", postgres: which is "postgres" or "both", days);
        Console.WriteLine($"Done; load average {LoadAverage()}.");
        return 0;
    }
    finally
    {
        Directory.Delete(retentionFolder, recursive: true);
    }
}

if (name == "list-cold")
{
    return await ListBenchmarks.ColdAsync(args[1], args[2], parts: args.Length > 3 && args[3] == "parts");
}

if (name == "list")
{
    var jobs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var listFolder = Path.Combine(Path.GetTempPath(), $"exportjobs-bench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(listFolder);
    try
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        await ListBenchmarks.RunAsync(listFolder, jobs, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15), args.Length > 3 ? args[3] : "both");
        Console.WriteLine($"Done; load average {LoadAverage()}.");
        return 0;
    }
    finally
    {
        Directory.Delete(listFolder, recursive: true);
    }
}

var runsPerJob = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var budget = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15);
if (name is not ("store" or "http" or "all" or "postgres"))
{
    Console.Error.WriteLine("Unknown benchmark. Use: store | http | all | postgres  [runs per job, default 1000] [seconds per measurement, default 15], or list [jobs, default 10000] [seconds per measurement] [litedb|postgres|both]");
    return 2;
}

if (name == "postgres")
{
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
    await PostgreSqlBenchmarks.RunAsync(new RunDataset(jobs: 1000, runsPerJob), budget);
    Console.WriteLine($"Done; load average {LoadAverage()}.");
    return 0;
}

var folder = Path.Combine(Path.GetTempPath(), $"exportjobs-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);
try
{
    var data = new RunDataset(jobs: 1000, runsPerJob);
    var connectionString = $"Filename={Path.Combine(folder, "bench.db")}";
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}, {connectionString}");
    using (var store = new LiteDbExportJobStore(connectionString))
    {
        await data.SeedAsync(store);
        if (name is "store" or "all")
        {
            await StoreBenchmarks.RunAsync(store, data, budget);
        }
    }

    if (name is "http" or "all")
    {
        await HttpBenchmarks.RunAsync(connectionString, data, budget);
    }

    Console.WriteLine($"Done. LiteDB file {new FileInfo(Path.Combine(folder, "bench.db")).Length / 1024 / 1024} MB; load average {LoadAverage()}.");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
