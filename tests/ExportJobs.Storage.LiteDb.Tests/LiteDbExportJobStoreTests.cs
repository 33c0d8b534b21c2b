using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

public sealed class LiteDbExportJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reopen_SameFile_SeesJobsRunsAndClaims()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore($"Filename={file}"))
        {
            await store.CreateJobAsync(Job("job-1"));
            await store.CreateRunAsync(Run("job-1", "run-1", T0));
            Assert.True(await store.TryClaimOccurrenceAsync("job-1", T0, "host-a"));
        }

        using var reopened = new LiteDbExportJobStore(file);

        Assert.Equal("Job job-1", (await reopened.GetJobAsync("job-1"))?.Name);
        Assert.Equal(["run-1"], (await reopened.ListRunsAsync("job-1", 10)).Select(r => r.Id));
        Assert.Equal(T0, await reopened.GetLastClaimedOccurrenceAsync("job-1"));
        Assert.False(await reopened.TryClaimOccurrenceAsync("job-1", T0, "host-b"));
    }

    [Fact]
    public async Task Open_PathInMissingFolders_CreatesTheFolders()
    {
        var file = Path.Combine(_folder.Path, "a", "b", "c", "store.db");

        using (var store = new LiteDbExportJobStore($"Filename={file};Connection=direct"))
        {
            await store.CreateJobAsync(Job("job-1"));
        }

        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Open_SharedConnection_IsRejectedWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new LiteDbExportJobStore($"Filename={_folder.File("store.db")};Connection=shared"));

        Assert.Contains("direct", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("store.db")));
    }

    [Fact]
    public async Task Open_FileCreatedWithLiteDbDefaultCollation_IsRebuiltCaseSensitive()
    {
        var file = _folder.File("legacy.db");
        using (var legacy = new LiteDatabase($"Filename={file}"))
        {
            Assert.NotEqual(System.Globalization.CompareOptions.Ordinal, legacy.Collation.SortOptions);
        }

        using var store = new LiteDbExportJobStore(file);
        await store.CreateJobAsync(Job("abc"));
        await store.CreateJobAsync(Job("ABC"));

        Assert.Equal(2, (await store.ListJobsAsync()).Count);
    }

    [Fact]
    public async Task Open_JobWrittenBeforeColumnsAndHeadersExisted_LoadsWithEveryColumnByCode()
    {
        var file = _folder.File("previous-release.db");
        using (var previous = new LiteDbExportJobStore(file))
        {
            await previous.CreateJobAsync(Job("job-1"));
        }

        using (var database = new LiteDatabase($"Filename={file}"))
        {
            // The document exactly as the previous release wrote it: no columns, no headers.
            var jobs = database.GetCollection("jobs");
            var document = jobs.FindById("job-1");
            Assert.True(document.Remove("columns") && document.Remove("headers"));
            jobs.Update(document);
        }

        using var store = new LiteDbExportJobStore(file);
        var job = await store.GetJobAsync("job-1");

        Assert.NotNull(job);
        Assert.Null(job.Columns);
        Assert.Equal(ExportHeaders.Codes, job.Headers);
        Assert.Equal("Job job-1", job.Name);
    }

    [Fact]
    public async Task NewestRunsQuery_ReadsTheSortKeyIndexBackwardsWithTheLimit()
    {
        using var store = new LiteDbExportJobStore(_folder.File("store.db"));
        await store.CreateJobAsync(Job("job-1"));
        for (var i = 0; i < 200; i++)
        {
            await store.CreateRunAsync(Run("job-1", $"run-{i:D3}", T0.AddMinutes(i)));
        }

        var plan = store.NewestRuns("job-1", 50).GetPlan();

        Assert.Equal("sortKey", plan["index"]["name"].AsString);
        Assert.Equal(-1, plan["index"]["order"].AsInt32);
        Assert.Equal(50, plan["limit"].AsInt32);
        Assert.False(plan.ContainsKey("orderBy"), $"The query sorts in memory: {plan}");
        Assert.Equal(["run-199", "run-198"], (await store.ListRunsAsync("job-1", 2)).Select(r => r.Id));
    }

    [Fact]
    public async Task RunPageQuery_ReadsTheSortKeyIndexBackwardsFromTheCursor()
    {
        using var store = new LiteDbExportJobStore(_folder.File("store.db"));
        await store.CreateJobAsync(Job("job-1"));
        await store.CreateJobAsync(Job("job-2"));
        for (var i = 0; i < 200; i++)
        {
            await store.CreateRunAsync(Run("job-1", $"run-{i:D3}", T0.AddMinutes(i)));
            await store.CreateRunAsync(Run("job-2", $"other-{i:D3}", T0.AddMinutes(i)));
        }

        var query = new ExportRunQuery { Limit = 50, Before = new ExportRunPosition(T0.AddMinutes(100), "run-100") };
        var plan = store.RunPage("job-1", query).GetPlan();

        Assert.Equal("sortKey", plan["index"]["name"].AsString);
        Assert.Equal(-1, plan["index"]["order"].AsInt32);
        Assert.False(plan.ContainsKey("orderBy"), $"The query sorts in memory: {plan}");
        Assert.StartsWith("INDEX RANGE SCAN(sortKey BETWEEN \"job-1|\" AND ", plan["index"]["mode"].AsString, StringComparison.Ordinal);
        Assert.Equal(["run-099", "run-098"], (await store.ListRunsAsync("job-1", query with { Limit = 2 })).Select(r => r.Id));
    }

    [Fact]
    public async Task FileOfThePreviousRelease_Opens_JobsHaveNoRetentionAndArePruned()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(Job("job-1"));
            for (var i = 0; i < 5; i++)
            {
                await store.CreateRunAsync(Run("job-1", $"run-{i}", T0.AddMinutes(i)) with { Status = ExportRunStatus.Success, CompletedAt = T0.AddMinutes(i) });
                Assert.True(await store.TryClaimOccurrenceAsync("job-1", T0.AddMinutes(i), "host-a"));
            }
        }

        // What the previous release wrote: jobs without "retention", claims without the occurrence index.
        using (var previous = new LiteDatabase(file))
        {
            var jobs = previous.GetCollection("jobs");
            var job = jobs.FindById("job-1");
            Assert.True(job.Remove("retention"));
            jobs.Update(job);
            Assert.True(previous.GetCollection("claims").DropIndex("occurrence"));
        }

        using var upgraded = new LiteDbExportJobStore(file);

        var read = await upgraded.GetJobAsync("job-1");
        Assert.NotNull(read);
        Assert.Null(read.Retention);
        Assert.Equal(3, await upgraded.PruneRunsAsync("job-1", new ExportRunPruning(2, null), 100));
        Assert.Equal(["run-4", "run-3"], (await upgraded.ListRunsAsync("job-1", 10)).Select(r => r.Id));
        Assert.Equal(4, await upgraded.PruneClaimsAsync(T0.AddMinutes(10), 100));
        Assert.Equal(T0.AddMinutes(4), await upgraded.GetLastClaimedOccurrenceAsync("job-1"));
    }

    [Fact]
    public async Task CancelledToken_Throws()
    {
        using var store = new LiteDbExportJobStore(_folder.File("store.db"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListJobsAsync(new CancellationToken(canceled: true)));
    }

    private static ExportJob Job(string id) => new(id, new ExportJobDefinition { Name = $"Job {id}", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *" })
    {
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static ExportRun Run(string jobId, string id, DateTimeOffset startedAt) => new() { Id = id, JobId = jobId, StartedAt = startedAt };
}
