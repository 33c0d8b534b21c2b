using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>A file written by the release before job versions (jobs without a <c>version</c> field) keeps opening.</summary>
public sealed class LiteDbJobVersionUpgradeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FileOfThePreviousRelease_JobWithoutVersion_ReadsAsVersion1_AndChangesByCompareAndSwap()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(Job("job-1"));
        }

        using (var previous = new LiteDatabase(file))
        {
            var jobs = previous.GetCollection("jobs");
            var stored = jobs.FindById("job-1");
            Assert.True(stored.Remove("version"));
            jobs.Update(stored);
        }

        using var upgraded = new LiteDbExportJobStore(file);

        var job = await upgraded.GetJobAsync("job-1");
        Assert.Equal(1, job!.Version);
        Assert.Equal(ExportJobWriteOutcome.VersionMismatch, await upgraded.TryUpdateJobAsync(job with { Name = "stale", Version = 3 }, 2));
        Assert.Equal(ExportJobWriteOutcome.Written, await upgraded.TryUpdateJobAsync(job with { Name = "renamed", Version = 2 }, 1));
        var read = await upgraded.GetJobAsync("job-1");
        Assert.Equal(("renamed", 2L), (read!.Name, read.Version));
    }

    private static ExportJob Job(string id) => new(id, new ExportJobDefinition { Name = $"Job {id}", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *" })
    {
        CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
    };
}
