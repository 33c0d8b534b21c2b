using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>
/// The large-output fields (job: <c>skipEmpty</c>, <c>split</c>, <c>manifest</c>; run: <c>skipped</c>, <c>files</c>) round-trip, and jobs and runs written by the
/// previous release (without them) keep opening with the old behaviour.
/// </summary>
public sealed class LiteDbLargeOutputUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ExportJob Job(string id, bool skipEmpty) =>
        new(id, new ExportJobDefinition { Name = "Delta", DestinationType = "s3", Format = "csv", Schedule = "*/2 * * * *", Mode = ExportMode.Changes, SkipEmpty = skipEmpty }) { CreatedAt = T0, UpdatedAt = T0 };

    [Fact]
    public async Task LargeOutputFields_RoundTrip()
    {
        using var store = new LiteDbExportJobStore(_folder.File("store.db"));
        await store.CreateJobAsync(Job("job-1", skipEmpty: true) with { Split = new ExportSplit { MaxRecords = 10_000, MaxBytes = 5_000_000_000 }, Manifest = true, FilenameTemplate = "p-{part}.csv" });
        await store.CreateRunAsync(new ExportRun { Id = "run-1", JobId = "job-1", StartedAt = T0, Status = ExportRunStatus.Success, CompletedAt = T0, RecordCount = 0, Skipped = ExportRun.NoChanges });
        await store.CreateRunAsync(SplitRun("run-2"));

        var job = await store.GetJobAsync("job-1");
        Assert.True(job!.SkipEmpty);
        Assert.Equal(new ExportSplit { MaxRecords = 10_000, MaxBytes = 5_000_000_000 }, job.Split);
        Assert.True(job.Manifest);
        Assert.Equal(ExportRun.NoChanges, (await store.GetRunAsync("run-1"))!.Skipped);
        Assert.Equal(SplitRun("run-2").Files, (await store.GetRunAsync("run-2"))!.Files);
        Assert.Null((await store.GetRunAsync("run-1"))!.Files);
    }

    private static ExportRun SplitRun(string id) => new()
    {
        Id = id,
        JobId = "job-1",
        StartedAt = T0.AddMinutes(1),
        Status = ExportRunStatus.Success,
        RecordCount = 3,
        Files =
        [
            new ExportRunFile { Name = "p-0001.csv", Path = "s3://b/p-0001.csv", Records = 2, Bytes = 40, Checksum = new string('a', 64) },
            new ExportRunFile { Name = "p-0002.csv", Path = "s3://b/p-0002.csv", Records = 1, Bytes = 25, Checksum = new string('b', 64) },
        ],
    };

    [Fact]
    public async Task JobsAndRunsOfThePreviousRelease_OpenWithoutLargeOutputSettings()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(Job("job-1", skipEmpty: true) with { Split = new ExportSplit { MaxRecords = 5 }, Manifest = true });
            await store.CreateRunAsync(SplitRun("run-1") with { Skipped = ExportRun.NoChanges });
        }

        // What the previous release wrote: documents without the large-output fields.
        using (var previous = new LiteDatabase(file))
        {
            foreach (var (collection, field) in new[] { ("jobs", "skipEmpty"), ("jobs", "split"), ("jobs", "manifest"), ("runs", "skipped"), ("runs", "files") })
            {
                var documents = previous.GetCollection(collection);
                foreach (var doc in documents.FindAll().ToList())
                {
                    Assert.True(doc.Remove(field), $"{collection} documents have a '{field}' field to remove");
                    documents.Update(doc);
                }
            }
        }

        using var upgraded = new LiteDbExportJobStore(file);

        var job = await upgraded.GetJobAsync("job-1");
        Assert.Equal((false, (ExportSplit?)null, false), (job!.SkipEmpty, job.Split, job.Manifest));
        var run = await upgraded.GetRunAsync("run-1");
        Assert.Equal(((string?)null, (IReadOnlyList<ExportRunFile>?)null), (run!.Skipped, run.Files));
        Assert.True(await upgraded.UpdateJobAsync(job with { SkipEmpty = true, Version = job.Version + 1 }));
        Assert.True((await upgraded.GetJobAsync("job-1"))!.SkipEmpty);
    }
}
