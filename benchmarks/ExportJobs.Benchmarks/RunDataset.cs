using System.Diagnostics;
using ExportJobs.Model;
using ExportJobs.Storage.LiteDb;

namespace ExportJobs.Benchmarks;

/// <summary>
/// The stored history the benchmarks read: <see cref="Jobs"/> jobs with <see cref="RunsPerJob"/> runs each, one run per
/// job every 10 minutes, inserted in time order across jobs (as a real history grows), so one job's runs are spread
/// over the whole file rather than packed together.
/// </summary>
internal sealed class RunDataset(int jobs, int runsPerJob)
{
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public int Jobs { get; } = jobs;

    public int RunsPerJob { get; } = runsPerJob;

    public string JobId(int index) => $"job-{index:D5}";

    /// <summary>Creates the jobs through the store and bulk-inserts the runs through the store's internal seeding helper.</summary>
    public async Task SeedAsync(LiteDbExportJobStore store)
    {
        var clock = Stopwatch.StartNew();
        for (var j = 0; j < Jobs; j++)
        {
            await store.CreateJobAsync(Job(JobId(j)));
        }

        var inserted = store.InsertRunsBulk(Runs());
        Console.WriteLine($"Seeded {Jobs} jobs and {inserted:N0} runs in {clock.Elapsed.TotalSeconds:F1} s (LiteDB InsertBulk, 20,000 runs per transaction).");
    }

    public static ExportJob Job(string id) => new(id, new ExportJobDefinition
    {
        Name = $"Feed {id}",
        DestinationType = "webhook",
        DestinationConfig = new() { ["url"] = "http://127.0.0.1:9/hook" },
        Format = "jsonl",
        Schedule = "*/10 * * * *",
        Active = false,
    })
    {
        CreatedAt = Start,
        UpdatedAt = Start,
    };

    public IEnumerable<ExportRun> Runs()
    {
        for (var t = 0; t < RunsPerJob; t++)
        {
            for (var j = 0; j < Jobs; j++)
            {
                var startedAt = Start.AddMinutes(10 * t).AddMilliseconds(j);
                var failed = (t + j) % 10 == 0;
                yield return new ExportRun
                {
                    Id = Guid.CreateVersion7(startedAt).ToString("N"),
                    JobId = JobId(j),
                    Status = failed ? ExportRunStatus.Failed : ExportRunStatus.Success,
                    StartedAt = startedAt,
                    CompletedAt = startedAt.AddSeconds(30),
                    RecordCount = failed ? null : 12_000 + t,
                    FileSize = failed ? null : 3_400_000 + t,
                    DestinationPath = failed ? null : $"s3://exports/{JobId(j)}/{t}.jsonl.gz",
                    Error = failed ? "Delivery failed: the endpoint answered 503." : null,
                    FileName = $"{t}.jsonl.gz",
                    ScheduledAt = Start.AddMinutes(10 * t),
                    Trigger = ExportRunTrigger.Schedule,
                };
            }
        }
    }
}
