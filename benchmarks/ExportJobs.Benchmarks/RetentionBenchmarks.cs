using System.Diagnostics;
using System.Globalization;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Pruning;
using ExportJobs.Storage.LiteDb;
using ExportJobs.Storage.PostgreSql;
using ExportJobs.Testing.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ExportJobs.Benchmarks;

/// <summary>
/// A simulated year of 50 jobs running every 15 minutes (1.75 million runs and as many claims) with the default
/// retention (1,000 runs per job), on LiteDB and on PostgreSQL: store size every simulated month, listing the 50 newest
/// runs of a job, and the longest pruning transaction.
/// </summary>
/// <remarks>
/// Each simulated day its 96 occurrences of every job are claimed (one batch call per occurrence instant, as the
/// scheduler does) and their runs stored in bulk, then the real pruner (<see cref="ExportHistoryPruner"/>) makes one
/// pass with the clock at the end of the day. In production the pass runs every minute and finds about one run per job
/// to delete; a daily pass deletes 96 per job, so its transactions are the larger of the two. PostgreSQL's autovacuum
/// would run many times a month over a real year; the simulation runs a plain <c>VACUUM</c> of runs and claims once a
/// simulated week instead (plain VACUUM makes dead rows' space reusable, it never shrinks a file).
/// </remarks>
internal static class RetentionBenchmarks
{
    private const int Jobs = 50;
    private const int DefaultDays = 365;
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string folder, bool liteDb, bool postgres, int days = DefaultDays)
    {
        if (liteDb)
        {
            var file = Path.Combine(folder, "retention.db");
            using var store = new LiteDbExportJobStore($"Filename={file}");
            await SimulateAsync("LiteDB", store, days, () => Task.FromResult(FileBytes(file)), null, () => LogBytes(file));
        }

        if (postgres)
        {
            await using var server = await PostgreSqlServer.StartAsync(durable: true);
            await using var store = new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString });
            await store.MigrateAsync();
            await using var data = NpgsqlDataSource.Create(server.ConnectionString);
            await SimulateAsync(
                "PostgreSQL",
                store,
                days,
                () => RelationBytesAsync(data),
                () => VacuumAsync(data),
                null);
            await using var explain = data.CreateCommand("EXPLAIN SELECT id FROM exportjobs.runs WHERE job_id = 'job-000' AND (started_at, id) < (now(), '') AND status <> 'running' ORDER BY started_at, id LIMIT 100");
            Console.WriteLine("PostgreSQL pruning scan plan:");
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("  " + reader.GetString(0));
            }
        }
    }

    private static async Task SimulateAsync(string name, ExportJobStore store, int days, Func<Task<long>> size, Func<Task>? vacuum, Func<long>? logBytes)
    {
        var clock = new SimulatedClock(Start);
        var pruner = Pruner(store, clock);
        var holds = new List<HoldSample>();
        var day = 0;
        long logBefore = 0;
        pruner.BatchObserver = batch =>
        {
            var logAfter = logBytes?.Invoke() ?? 0;
            holds.Add(new HoldSample(day, batch, logBefore, logAfter));
            logBefore = logAfter;
        };
        var jobIds = Enumerable.Range(0, Jobs).Select(j => $"job-{j:D3}").ToList();
        foreach (var id in jobIds)
        {
            await store.CreateJobAsync(new ExportJob(id, new ExportJobDefinition { Name = id, DestinationType = "s3", Format = "csv", Schedule = "*/15 * * * *" })
            {
                CreatedAt = Start,
                UpdatedAt = Start,
            });
        }

        var samples = new List<(int Day, long Bytes)>();
        long runsDeleted = 0, claimsDeleted = 0;
        var wall = Stopwatch.StartNew();
        var random = new Random(7);
        for (; day < days; day++)
        {
            var runs = new List<ExportRun>(Jobs * 96);
            for (var slot = 0; slot < 96; slot++)
            {
                var occurrence = Start.AddDays(day) + (Every * slot);
                var won = await store.TryClaimOccurrencesAsync(jobIds.ConvertAll(j => new ExportOccurrence(j, occurrence)), "host-a");
                if (won.Any(w => !w))
                {
                    throw new InvalidOperationException($"Occurrence {occurrence:o} was claimed twice.");
                }

                foreach (var jobId in jobIds)
                {
                    runs.Add(new ExportRun
                    {
                        Id = ExportIds.New(occurrence),
                        JobId = jobId,
                        Status = random.Next(20) == 0 ? ExportRunStatus.Failed : ExportRunStatus.Success,
                        StartedAt = occurrence,
                        CompletedAt = occurrence.AddSeconds(30),
                        RecordCount = 10_000,
                        FileSize = 1_843_221,
                        DestinationPath = $"s3://pim-exports/{jobId}/{occurrence:yyyy-MM-dd-HHmm}.csv",
                        Checksum = new string('a', 64),
                        FileName = $"{occurrence:yyyy-MM-dd-HHmm}.csv",
                        ScheduledAt = occurrence,
                        Trigger = ExportRunTrigger.Schedule,
                    });
                }
            }

            await BulkInsertAsync(store, runs);
            clock.Now = Start.AddDays(day + 1);
            logBefore = logBytes?.Invoke() ?? 0;
            var pass = await pruner.PruneAsync(CancellationToken.None);
            runsDeleted += pass.RunsDeleted;
            claimsDeleted += pass.ClaimsDeleted;
            if (vacuum is not null && day % 7 == 6)
            {
                await vacuum();
            }

            if ((day + 1) % 30 == 0 || day == days - 1)
            {
                samples.Add((day + 1, await size()));
            }
        }

        var listing = await Measurement.LatencyAsync(
            $"{name}: ListRunsAsync(job, 50) after a year",
            i => store.ListRunsAsync(jobIds[i % Jobs], 50),
            warmup: 100,
            samples: 2000,
            TimeSpan.FromSeconds(10));
        var page = await Measurement.LatencyAsync(
            $"{name}: ListRunsAsync(job, 50 before the 500th newest)",
            async i =>
            {
                var before = (await store.ListRunsAsync(jobIds[i % Jobs], 500))[^1];
                await store.ListRunsAsync(jobIds[i % Jobs], new ExportRunQuery { Limit = 50, Before = new ExportRunPosition(before.StartedAt, before.Id) });
            },
            warmup: 20,
            samples: 300,
            TimeSpan.FromSeconds(10));
        var kept = (await store.ListRunsAsync(jobIds[0], 100_000)).Count;
        Console.WriteLine($"{name}: simulated {days} days of {Jobs} jobs every 15 min ({days * 96L * Jobs:N0} runs and claims) in {wall.Elapsed.TotalSeconds:F0} s; "
            + $"pruned {runsDeleted:N0} runs and {claimsDeleted:N0} claims; job-000 keeps {kept} runs.");
        PrintHolds(name, holds);
        Console.WriteLine($"{name}: store size by simulated month (MB): " + string.Join(", ", samples.Select(s => $"d{s.Day} {s.Bytes / 1048576.0:F1}")));
        var second = samples[Math.Min(1, samples.Count - 1)].Bytes;
        var last = samples[^1].Bytes;
        Console.WriteLine($"{name}: last sample / second sample = {(double)last / second:F3} ({(Math.Abs(last - second) <= second * 0.2 ? "flat: within 20%" : "NOT within 20%")}); listing median {listing.Median:F3} ms ({(listing.Median < 5 ? "< 5 ms" : "NOT < 5 ms")}), page 11 median {page.Median:F3} ms (after reading 500).");
    }

    /// <summary>
    /// Prints the pruning transactions' holds (every store call of the pruner, including those that found nothing to
    /// delete): count, median, p99 and longest, also without the garbage collector's pauses, then the longest ten with what
    /// was going on (batch size, rows, GC pause, whether LiteDB's commit ran a checkpoint: its log shrank).
    /// </summary>
    private static void PrintHolds(string name, List<HoldSample> holds)
    {
        var target = new ExportJobsOptions().Retention.BatchTarget;
        var deleting = holds.Where(h => h.Batch.Deleted > 0).ToList();
        foreach (var (label, set) in new[] { ("all", holds), ("deleting", deleting), ("runs", deleting.Where(h => h.Batch.Runs).ToList()), ("claims", deleting.Where(h => !h.Batch.Runs).ToList()) })
        {
            if (set.Count == 0)
            {
                continue;
            }

            var held = set.Select(h => h.Batch.Held.TotalMilliseconds).Order().ToList();
            var own = set.Select(h => (h.Batch.Held - h.Batch.GcPause).TotalMilliseconds).Order().ToList();
            var over = held.Count(ms => ms > target.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: pruning holds, {label,-8} {set.Count,7:N0} transactions: median {Percentile(held, 0.5),6:F2} ms, p99 {Percentile(held, 0.99),6:F2} ms, p99.9 {Percentile(held, 0.999),6:F2} ms, longest {held[^1],6:F2} ms; {over} over the {target.TotalMilliseconds:F0} ms target; without GC pauses: p99 {Percentile(own, 0.99),6:F2} ms, longest {own[^1],6:F2} ms; mean rows {set.Average(h => h.Batch.Deleted),5:F0}"));
        }

        Console.WriteLine($"{name}: the 10 longest holds:");
        foreach (var h in holds.OrderByDescending(h => h.Batch.Held).Take(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  day {h.Day,3} {(h.Batch.Runs ? "runs  " : "claims")} size {h.Batch.Size,4} deleted {h.Batch.Deleted,4}: {h.Batch.Held.TotalMilliseconds,6:F2} ms, GC pause {h.Batch.GcPause.TotalMilliseconds,5:F2} ms{(h.LogAfter < h.LogBefore ? $", checkpoint (log {h.LogBefore / 1048576.0:F1} MB -> {h.LogAfter / 1048576.0:F1} MB)" : string.Empty)}"));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static ExportHistoryPruner Pruner(ExportJobStore store, TimeProvider clock)
    {
        var options = new ServiceCollection().AddOptions<ExportJobsOptions>().Services.BuildServiceProvider();
        return new ExportHistoryPruner(store, options.GetRequiredService<IOptionsMonitor<ExportJobsOptions>>(), clock, NullLogger<ExportHistoryPruner>.Instance);
    }

    private static async Task BulkInsertAsync(ExportJobStore store, List<ExportRun> runs)
    {
        switch (store)
        {
            case LiteDbExportJobStore lite:
                lite.InsertRunsBulk(runs);
                break;
            case PostgreSqlExportJobStore postgres:
                await postgres.CopyRunsAsync(runs);
                break;
            default:
                throw new NotSupportedException(store.GetType().Name);
        }
    }

    private static long FileBytes(string file) => new FileInfo(file).Length + LogBytes(file);

    private static long LogBytes(string file)
    {
        var log = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-log" + Path.GetExtension(file));
        return File.Exists(log) ? new FileInfo(log).Length : 0;
    }

    private static async Task<long> RelationBytesAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT pg_total_relation_size('exportjobs.runs') + pg_total_relation_size('exportjobs.claims')");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task VacuumAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("VACUUM exportjobs.runs, exportjobs.claims");
        await command.ExecuteNonQueryAsync();
    }
}
