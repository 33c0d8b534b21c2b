using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>A run's <c>mode</c> round-trips, and runs written by the previous release (documents without it) read it as unknown.</summary>
public sealed class LiteDbRunModeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunMode_RoundTrips_AndRunsOfThePreviousReleaseReadNull()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(new ExportJob("job-1", new ExportJobDefinition { Name = "Delta", DestinationType = "s3", Format = "csv", Schedule = "*/2 * * * *", Mode = ExportMode.Changes }) { CreatedAt = T0, UpdatedAt = T0 });
            await store.CreateRunAsync(Run("run-full", 1) with { Mode = ExportMode.Full });
            await store.CreateRunAsync(Run("run-changes", 2) with { Mode = ExportMode.Changes });
            await store.CreateRunAsync(Run("run-old", 3) with { Mode = ExportMode.Changes });
        }

        // What the previous release wrote: a run document without the field.
        using (var previous = new LiteDatabase(file))
        {
            var runs = previous.GetCollection("runs");
            var doc = runs.FindById("run-old");
            Assert.True(doc.Remove("mode"), "run documents have a 'mode' field to remove");
            runs.Update(doc);
        }

        using var upgraded = new LiteDbExportJobStore(file);
        Assert.Equal((ExportMode?)ExportMode.Full, (await upgraded.GetRunAsync("run-full"))!.Mode);
        Assert.Equal((ExportMode?)ExportMode.Changes, (await upgraded.GetRunAsync("run-changes"))!.Mode);
        Assert.Null((await upgraded.GetRunAsync("run-old"))!.Mode);
        Assert.Equal(new ExportMode?[] { null, ExportMode.Changes, ExportMode.Full }, (await upgraded.ListRunsAsync("job-1", 10)).Select(r => r.Mode));
        Assert.True(await upgraded.CompleteRunAsync((await upgraded.GetRunAsync("run-full"))! with { Status = ExportRunStatus.Success, CompletedAt = T0.AddMinutes(9) }));
        Assert.Equal((ExportMode?)ExportMode.Full, (await upgraded.GetRunAsync("run-full"))!.Mode);
    }

    private static ExportRun Run(string id, int minute) => new() { Id = id, JobId = "job-1", StartedAt = T0.AddMinutes(minute), Status = ExportRunStatus.Running, Owner = "host-1", Epoch = 1 };
}
