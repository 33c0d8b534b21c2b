using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>
/// The last runs a store knew when it was closed are saved beside the file and trusted at the next open only while the
/// database files are exactly as that store left them.
/// </summary>
public sealed class LiteDbLatestRunsFileTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] JobIds = ["job-1", "job-2", "job-3"];
    private readonly TempDirectory _folder = new();

    private string File => _folder.File("store.db");

    private string Saved => LiteDbLatestRunsFile.PathFor(Path.GetFullPath(File));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AfterACleanClose_TheNextOpen_KnowsEveryLastRun_WithoutLookingThemUp()
    {
        var before = await SeedAndListAsync();
        Assert.True(System.IO.File.Exists(Saved), "no file of last runs was saved at the close");

        using var store = new LiteDbExportJobStore(File);
        Assert.False(System.IO.File.Exists(Saved), "the saved file is still there after the open that read it");
        var after = await store.GetLatestRunsAsync(JobIds);

        Assert.Equal(0, store.LatestRunLookups);
        Assert.Equal(Describe(before), Describe(after));
        Assert.False(after.ContainsKey("job-3")); // a job without runs is known to have none
    }

    [Fact]
    public async Task AWriteAfterTheOpen_WinsOverWhatWasSaved()
    {
        await SeedAndListAsync();

        using var store = new LiteDbExportJobStore(File);
        await store.CreateRunAsync(new ExportRun { Id = "run-1c", JobId = "job-1", StartedAt = T0.AddHours(2), Status = ExportRunStatus.Running });
        await store.CreateRunAsync(new ExportRun { Id = "run-3a", JobId = "job-3", StartedAt = T0.AddHours(2), Status = ExportRunStatus.Running });
        var after = await store.GetLatestRunsAsync(JobIds);

        Assert.Equal(("run-1c", "run-2a", "run-3a"), (after["job-1"].Id, after["job-2"].Id, after["job-3"].Id));
        Assert.Equal(2, store.LatestRunLookups); // the two jobs written to, and no other
    }

    [Fact]
    public async Task ADatabaseChangedByAnotherWriter_IsNotAnsweredFromTheSavedFile()
    {
        await SeedAndListAsync();

        // What an earlier release (which knows nothing of the saved file) would do: complete job-2's run in the file.
        using (var other = new LiteDatabase(File))
        {
            var runs = other.GetCollection("runs");
            var run = runs.FindById("run-2a");
            run["status"] = "failed";
            run["error"] = "changed elsewhere";
            runs.Update(run);
        }

        using var store = new LiteDbExportJobStore(File);
        var after = await store.GetLatestRunsAsync(JobIds);

        Assert.Equal((ExportRunStatus.Failed, "changed elsewhere"), (after["job-2"].Status, after["job-2"].Error));
        Assert.Equal(JobIds.Length, store.LatestRunLookups);
    }

    [Fact]
    public async Task ADamagedSavedFile_IsIgnored()
    {
        var before = await SeedAndListAsync();
        var stamp = System.IO.File.GetLastWriteTimeUtc(File);
        await System.IO.File.WriteAllBytesAsync(Saved, [1, 2, 3, 4, 5, 6, 7, 8]);

        using var store = new LiteDbExportJobStore(File);
        var after = await store.GetLatestRunsAsync(JobIds);

        Assert.Equal(stamp, System.IO.File.GetLastWriteTimeUtc(File));
        Assert.Equal(Describe(before), Describe(after));
        Assert.Equal(JobIds.Length, store.LatestRunLookups);
        Assert.False(System.IO.File.Exists(Saved));
    }

    /// <summary>Stores three jobs (the first two with runs), lists their last runs, and closes the store.</summary>
    private async Task<IReadOnlyDictionary<string, ExportRun>> SeedAndListAsync()
    {
        using var store = new LiteDbExportJobStore(File);
        foreach (var id in JobIds)
        {
            await store.CreateJobAsync(new ExportJob(id, new ExportJobDefinition { Name = id, DestinationType = "s3", Format = "csv", Schedule = "0 * * * *" }) { CreatedAt = T0, UpdatedAt = T0 });
        }

        await store.CreateRunAsync(new ExportRun { Id = "run-1a", JobId = "job-1", StartedAt = T0, Status = ExportRunStatus.Success, CompletedAt = T0.AddSeconds(3), RecordCount = 12 });
        await store.CreateRunAsync(new ExportRun { Id = "run-1b", JobId = "job-1", StartedAt = T0.AddHours(1), Status = ExportRunStatus.Failed, CompletedAt = T0.AddHours(1).AddSeconds(2), Error = "boom" });
        await store.CreateRunAsync(new ExportRun { Id = "run-2a", JobId = "job-2", StartedAt = T0.AddMinutes(30), Status = ExportRunStatus.Running, Owner = "web-1:1", Epoch = 1 });
        var latest = await store.GetLatestRunsAsync(JobIds);
        Assert.Equal(JobIds.Length, store.LatestRunLookups);
        return latest;
    }

    private static string Describe(IReadOnlyDictionary<string, ExportRun> runs) =>
        string.Join("; ", runs.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"));
}
