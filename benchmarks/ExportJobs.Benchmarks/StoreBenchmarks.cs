using ExportJobs.Model;
using ExportJobs.Storage.LiteDb;

namespace ExportJobs.Benchmarks;

/// <summary>The LiteDB store without HTTP: newest-runs listing, latest successful run, recording runs.</summary>
internal static class StoreBenchmarks
{
    public static async Task RunAsync(LiteDbExportJobStore store, RunDataset data, TimeSpan budget)
    {
        var random = new Random(42);
        Console.WriteLine($"Plan of the newest-runs query: {store.NewestRuns(data.JobId(0), 50).GetPlan()}");

        await Measurement.LatencyAsync(
            "cold: first ListRunsAsync of each job",
            i => store.ListRunsAsync(data.JobId(i), 50),
            warmup: 0,
            samples: data.Jobs,
            budget);
        await Measurement.LatencyAsync(
            "warm: store ListRunsAsync(random job, 50)",
            _ => store.ListRunsAsync(data.JobId(random.Next(data.Jobs)), 50),
            warmup: 200,
            samples: 3000,
            budget);

        await Measurement.LatencyAsync(
            "store GetLatestRunAsync(job, failed)",
            _ => store.GetLatestRunAsync(data.JobId(random.Next(data.Jobs)), ExportRunStatus.Failed),
            warmup: 200,
            samples: 3000,
            budget);

        var now = RunDataset.Start.AddYears(10);
        var next = 0;
        foreach (var workers in new[] { 1, 4, 16 })
        {
            await Measurement.RateAsync(
                $"store CreateRunAsync, {workers} concurrent callers",
                workers,
                (_, _) =>
                {
                    var n = Interlocked.Increment(ref next);
                    return store.CreateRunAsync(new ExportRun
                    {
                        Id = $"bench-{n:D9}",
                        JobId = data.JobId(n % data.Jobs),
                        Status = ExportRunStatus.Success,
                        StartedAt = now.AddMilliseconds(n),
                        CompletedAt = now.AddMilliseconds(n + 1),
                        RecordCount = 10,
                        FileSize = 1000,
                    });
                },
                maxOperations: 100_000,
                budget);
        }
    }
}
