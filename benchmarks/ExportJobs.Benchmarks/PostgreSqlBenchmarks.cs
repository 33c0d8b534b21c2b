using ExportJobs.Model;
using ExportJobs.Storage.PostgreSql;
using ExportJobs.Testing.PostgreSql;

namespace ExportJobs.Benchmarks;

/// <summary>
/// The PostgreSQL store on a throw-away local server with durable settings (fsync on): newest-runs listing with the
/// dataset's runs stored, and claim throughput with 3 concurrent claimers (3 stores with their own connection pools,
/// standing for 3 hosts) competing for every occurrence.
/// </summary>
internal static class PostgreSqlBenchmarks
{
    public static async Task RunAsync(RunDataset data, TimeSpan budget)
    {
        await using var server = await PostgreSqlServer.StartAsync(durable: true);
        Console.WriteLine($"PostgreSQL on 127.0.0.1:{server.Port}");
        await using var store = new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var j = 0; j < data.Jobs; j++)
        {
            await store.CreateJobAsync(RunDataset.Job(data.JobId(j)));
        }

        var copied = await store.CopyRunsAsync(data.Runs());
        Console.WriteLine($"Seeded {data.Jobs} jobs and {copied:N0} runs in {clock.Elapsed.TotalSeconds:F1} s (COPY BINARY).");
        Console.WriteLine(await store.ExplainListRunsAsync(data.JobId(0), 50));

        var random = new Random(3);
        await Measurement.LatencyAsync(
            "postgres ListRunsAsync(random job, 50)",
            _ => store.ListRunsAsync(data.JobId(random.Next(data.Jobs)), 50),
            warmup: 200,
            samples: 3000,
            budget);
        await Measurement.LatencyAsync(
            "postgres GetLatestRunAsync(job, failed)",
            _ => store.GetLatestRunAsync(data.JobId(random.Next(data.Jobs)), ExportRunStatus.Failed),
            warmup: 200,
            samples: 3000,
            budget);

        var hosts = Enumerable.Range(0, 3).Select(_ => new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString })).ToList();
        var start = RunDataset.Start.AddYears(30);
        var attempts = new int[hosts.Count];
        var wins = new int[hosts.Count];
        var clock2 = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(hosts.Select((host, h) => Task.Run(async () =>
        {
            // Each host tries every occurrence in turn, as scheduler instances do; the hosts race for each one.
            for (var o = 0; o < 20_000 && clock2.Elapsed < budget; o++)
            {
                attempts[h]++;
                if (await host.TryClaimOccurrenceAsync(data.JobId(o % data.Jobs), start.AddMinutes(o), $"host-{h}"))
                {
                    wins[h]++;
                }
            }
        })));
        var elapsed = clock2.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"postgres claims, 3 hosts racing: {attempts.Sum()} attempts in {elapsed:F1} s = {attempts.Sum() / elapsed:F0} attempts/s, {attempts.Max() / elapsed:F0} occurrences/s decided; wins {wins.Sum()} for {attempts.Max()} occurrences (wins per host: {string.Join('/', wins)})"));
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await LastClaimsAtStartUpAsync(store, Enumerable.Range(0, data.Jobs).Select(data.JobId).ToList());
    }

    /// <summary>
    /// What the scheduler reads at start-up to find misfires: every job's last claimed occurrence, one query per job (the
    /// store contract's default) against one batched query, alternating which goes first, 7 rounds, medians.
    /// </summary>
    private static async Task LastClaimsAtStartUpAsync(PostgreSqlExportJobStore store, List<string> jobIds)
    {
        var perJob = new List<double>();
        var batched = new List<double>();
        var found = (PerJob: 0, Batched: 0);
        for (var round = 0; round < 7; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                if ((round + turn) % 2 == 0)
                {
                    var count = 0;
                    foreach (var id in jobIds)
                    {
                        count += await store.GetLastClaimedOccurrenceAsync(id) is null ? 0 : 1;
                    }

                    perJob.Add(clock.Elapsed.TotalMilliseconds);
                    found.PerJob = count;
                }
                else
                {
                    found.Batched = (await store.GetLastClaimedOccurrencesAsync(jobIds)).Count;
                    batched.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        var perJobMedian = perJob.Order().ElementAt(perJob.Count / 2);
        var batchedMedian = batched.Order().ElementAt(batched.Count / 2);
        Console.WriteLine(FormattableString.Invariant(
            $"postgres last claims of {jobIds.Count} jobs (scheduler start-up): one query per job {perJobMedian:F1} ms, batched {batchedMedian:F1} ms (median of 7; {perJobMedian / batchedMedian:F1}x); jobs with a claim {found.PerJob} vs {found.Batched}"));
    }
}
