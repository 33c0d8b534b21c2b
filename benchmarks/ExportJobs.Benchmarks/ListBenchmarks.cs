using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Testing.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Benchmarks;

/// <summary>
/// <c>GET /export-jobs</c> over many jobs on a host wired like the sample (LiteDB, standard destinations, secrets
/// encrypted with Data Protection): cold (the first request of a freshly started host process, one process per sample)
/// and warm (the same host again), the whole list and pages, and where the time of one list goes.
/// </summary>
internal static class ListBenchmarks
{
    private const int ColdProcesses = 5;

    /// <summary>Runs the list benchmark on LiteDB, on PostgreSQL (a throw-away local server), or on both one after the other.</summary>
    public static async Task RunAsync(string folder, int jobs, TimeSpan budget, string stores)
    {
        if (stores is "litedb" or "both")
        {
            Console.WriteLine($"== LiteDB ({jobs} jobs) ==");
            await RunAsync(folder, LiteDbStore, jobs, budget);
        }

        if (stores is "postgres" or "both")
        {
            Console.WriteLine($"== PostgreSQL ({jobs} jobs) ==");
            await using var server = await PostgreSqlServer.StartAsync(durable: true);
            await RunAsync(folder, server.ConnectionString, jobs, budget);
        }
    }

    private const string LiteDbStore = "litedb";

    /// <param name="folder">The temp folder (LiteDB file, Data Protection keys).</param>
    /// <param name="storeKind"><c>litedb</c>, or an Npgsql connection string.</param>
    /// <param name="jobs">How many jobs to seed.</param>
    /// <param name="budget">The most time per measurement.</param>
    private static async Task RunAsync(string folder, string storeKind, int jobs, TimeSpan budget)
    {
        await SeedAsync(folder, storeKind, jobs);

        var cold = new List<double>();
        var coldCpu = new List<double>();
        for (var i = 0; i < ColdProcesses; i++)
        {
            var (wall, cpu) = await ColdChildAsync(folder, storeKind);
            cold.Add(wall);
            coldCpu.Add(cpu);
        }

        cold.Sort();
        coldCpu.Sort();
        Console.WriteLine("Where a cold list goes (one more process, the parts timed one after the other):");
        await ColdChildAsync(folder, storeKind, parts: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{$"cold: first GET /export-jobs ({jobs} jobs) of a new host process",-64} median {cold[cold.Count / 2],8:F1} ms  (of {ColdProcesses} processes: {string.Join(", ", cold.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))}; process CPU median {coldCpu[coldCpu.Count / 2]:F0} ms)"));

        await using var app = await StartHostAsync(folder, storeKind);
        using var client = Client(app);
        var manager = app.Services.GetRequiredService<ExportJobManager>();
        var store = app.Services.GetRequiredService<ExportJobStore>();
        var bytes = (await client.GetByteArrayAsync(new Uri("/export-jobs", UriKind.Relative))).Length;
        Console.WriteLine($"GET /export-jobs -> {bytes / 1024} KB");
        var ids = (await store.ListJobsAsync()).Select(j => j.Id).ToList();
        var middle = ids[ids.Count / 2];

        await Measurement.LatencyAsync($"warm: HTTP GET /export-jobs ({jobs} jobs)", _ => GetAsync(client, "/export-jobs"), warmup: 3, samples: 50, budget);
        await Measurement.LatencyAsync("warm: HTTP GET /export-jobs?limit=100", _ => GetAsync(client, "/export-jobs?limit=100"), warmup: 3, samples: 200, budget);
        await Measurement.LatencyAsync("warm: HTTP GET /export-jobs?limit=100&after=<middle>", _ => GetAsync(client, $"/export-jobs?limit=100&after={middle}"), warmup: 3, samples: 200, budget);
        Console.WriteLine("Where one warm list goes (no HTTP):");
        await Measurement.LatencyAsync("  manager ListAsync (store + last runs + views)", _ => manager.ListAsync(), warmup: 3, samples: 50, budget);
        await Measurement.LatencyAsync("  store ListJobsAsync (with secret decryption)", _ => store.ListJobsAsync(), warmup: 3, samples: 50, budget);
        if (store is ExportJobs.Secrets.SecretProtectingExportJobStore protecting)
        {
            await Measurement.LatencyAsync("  store ListMaskedJobsAsync (what the list reads)", _ => protecting.ListMaskedJobsAsync(CancellationToken.None), warmup: 3, samples: 50, budget);
            await Measurement.LatencyAsync("  inner store ListJobsAsync (no secret handling)", _ => protecting.Inner.ListJobsAsync(), warmup: 3, samples: 50, budget);
                        var masked = await protecting.ListMaskedJobsAsync(CancellationToken.None);
            var views = await manager.ListAsync();
            var schedules = app.Services.GetRequiredService<ExportJobs.Cron.ExportScheduleFactory>();
            await Measurement.LatencyAsync("  next run times of every job", i => { var now = DateTimeOffset.UtcNow; foreach (var j in masked) { _ = schedules.ForJob(j).GetNextOccurrence(now); } return Task.CompletedTask; }, warmup: 3, samples: 50, budget);
            await Measurement.LatencyAsync("  JSON of every job (System.Text.Json, web defaults)", i => { _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(views.Select(v => v.Job).ToList(), System.Text.Json.JsonSerializerOptions.Web); return Task.CompletedTask; }, warmup: 3, samples: 20, budget);
        }

        await Measurement.LatencyAsync("  store GetLatestRunSummariesAsync (what the list reads)", _ => store.GetLatestRunSummariesAsync(ids), warmup: 3, samples: 50, budget);
        await Measurement.LatencyAsync("  store GetLatestRunsAsync (whole runs, every job)", _ => store.GetLatestRunsAsync(ids), warmup: 3, samples: 50, budget);
    }

    /// <summary>The child process of one cold sample: starts the host, times its first list, prints the figure.</summary>
    public static async Task<int> ColdAsync(string folder, string storeKind, bool parts)
    {
        var clock = Stopwatch.StartNew();
        await using var app = await StartHostAsync(folder, storeKind);
        var started = clock.Elapsed;
        using var client = Client(app);
        if (parts)
        {
            // Each step is the first of its kind in this process, so it pays its own cold costs (and the next step reuses them).
            var store = app.Services.GetRequiredService<ExportJobStore>();
            var step = Stopwatch.StartNew();
            var jobs = store is ExportJobs.Secrets.SecretProtectingExportJobStore protecting
                ? await protecting.ListMaskedJobsAsync(CancellationToken.None)
                : await store.ListJobsAsync();
            Console.WriteLine($"  cold masked read of every job (what the list reads): {step.Elapsed.TotalMilliseconds:F0} ms");
            step.Restart();
            _ = await store.GetLatestRunSummariesAsync(jobs.Select(j => j.Id).ToList());
            Console.WriteLine($"  cold store GetLatestRunSummariesAsync: {step.Elapsed.TotalMilliseconds:F0} ms");
            step.Restart();
            var schedules = app.Services.GetRequiredService<ExportJobs.Cron.ExportScheduleFactory>();
            var now = DateTimeOffset.UtcNow;
            foreach (var job in jobs)
            {
                _ = schedules.ForJob(job).GetNextOccurrence(now);
            }

            Console.WriteLine($"  cold next run times: {step.Elapsed.TotalMilliseconds:F0} ms");
            step.Restart();
            _ = await app.Services.GetRequiredService<ExportJobManager>().ListAsync();
            Console.WriteLine($"  cold manager ListAsync (store again + views): {step.Elapsed.TotalMilliseconds:F0} ms");
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var request = Stopwatch.StartNew();
        await GetAsync(client, "/export-jobs");
        var wall = request.Elapsed;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold-ms={wall.TotalMilliseconds:F1} cpu-ms={(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} start-ms={started.TotalMilliseconds:F0}"));
        return 0;
    }

    /// <returns>The wall-clock time of the child's first list, and the CPU time of its process during it (JIT threads included).</returns>
    private static async Task<(double Wall, double Cpu)> ColdChildAsync(string folder, string storeKind, bool parts = false)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ListBenchmarks).Assembly.Location);
        }

        info.ArgumentList.Add("list-cold");
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add(storeKind);
        if (parts)
        {
            info.ArgumentList.Add("parts");
        }

        info.Environment["DOTNET_TieredCompilation"] = "1"; // a real host starts with tiered compilation, unlike this harness
        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (parts)
        {
            Console.Write(output);
        }

        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("cold-ms=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The cold child printed no figure (exit {child.ExitCode}): {output}");
        var fields = line.Split(' ');
        return (double.Parse(fields[0]["cold-ms=".Length..], CultureInfo.InvariantCulture), double.Parse(fields[1]["cpu-ms=".Length..], CultureInfo.InvariantCulture));
    }

    private static async Task SeedAsync(string folder, string storeKind, int jobs)
    {
        var clock = Stopwatch.StartNew();
        await using var app = await StartHostAsync(folder, storeKind);
        var store = app.Services.GetRequiredService<ExportJobStore>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var j = 0; j < jobs; j++)
        {
            await store.CreateJobAsync(Job(j, start));
        }

        for (var j = 0; j < jobs; j += 200)
        {
            await Task.WhenAll(Enumerable.Range(j, Math.Min(200, jobs - j)).Select(i => store.CreateRunAsync(Run(i, start))));
        }

        Console.WriteLine($"Seeded {jobs} jobs (s3 with encrypted secrets, webhook, sftp; 12 time zones) with one run each in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private static async Task<WebApplication> StartHostAsync(string folder, string storeKind)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        var exportJobs = builder.Services.AddExportJobs(o =>
        {
            o.SchedulerEnabled = false;
            o.Retention.Enabled = false;
        });
        _ = storeKind == LiteDbStore ? exportJobs.UseLiteDb($"Filename={Path.Combine(folder, "list.db")}") : exportJobs.UsePostgreSql(storeKind);
        exportJobs.AddStandardDestinations().UseDataProtectionForSecrets();
        var app = builder.Build();
        app.MapExportJobs("/export-jobs");
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        _ = await response.Content.ReadAsByteArrayAsync();
    }

    private static string JobId(int i) => i.ToString("x32", CultureInfo.InvariantCulture);

    private static readonly string[] Zones =
        ["UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Europe/Paris", "America/Sao_Paulo", "Africa/Johannesburg", "Pacific/Auckland"];

    private static ExportJob Job(int i, DateTimeOffset start)
    {
        var (type, config) = (i % 3) switch
        {
            0 => ("s3", new JsonObject { ["bucket"] = "pim-exports", ["path"] = $"feeds/{i}/", ["region"] = "eu-central-1", ["accessKeyId"] = "AKIAEXAMPLE", ["secretAccessKey"] = $"secret-{i}" }),
            1 => ("webhook", new JsonObject { ["url"] = $"https://hooks.example.com/{i}", ["secret"] = $"hook-secret-{i}" }),
            _ => ("sftp", new JsonObject { ["host"] = "sftp.example.com", ["username"] = "pim", ["password"] = $"pw-{i}", ["path"] = "/in", ["hostKeyFingerprint"] = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU" }),
        };
        return new ExportJob(JobId(i), new ExportJobDefinition
        {
            Name = $"Feed {i}",
            Description = "Nightly product feed for a channel partner",
            DestinationType = type,
            DestinationConfig = config,
            Format = i % 2 == 0 ? "csv" : "jsonl",
            SchemaId = "schema-product",
            CatalogId = $"catalog-{i % 20}",
            DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-en" },
            Schedule = (i % 4) switch { 0 => "0 2 * * *", 1 => "*/15 * * * *", 2 => "30 6 * * 1-5", _ => "0 */4 * * *" },
            TimeZone = Zones[i % Zones.Length],
            Compress = i % 2 == 0,
            FilenameTemplate = "{jobId}-{date}.{format}",
            Active = i % 10 != 0,
        })
        {
            CreatedAt = start.AddSeconds(i),
            UpdatedAt = start.AddSeconds(i),
        };
    }

    private static ExportRun Run(int i, DateTimeOffset start) => new()
    {
        Id = ExportJobs.Model.ExportIds.New(start.AddDays(1).AddSeconds(i)),
        JobId = JobId(i),
        Status = ExportRunStatus.Success,
        StartedAt = start.AddDays(1).AddSeconds(i),
        CompletedAt = start.AddDays(1).AddSeconds(i + 3),
        RecordCount = 10_000,
        FileSize = 1_800_000,
        DestinationPath = $"s3://pim-exports/feeds/{i}/file.csv",
        Trigger = ExportRunTrigger.Schedule,
    };
}
