using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>Runs written by the release before the run lifecycle (no owner, epoch, cancel or progress fields) keep opening.</summary>
public sealed class LiteDbRunLifecycleUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunsOfThePreviousRelease_ReadWithDefaults_AndCanBeCompletedAndCancelled()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(new ExportJob("job-1", new ExportJobDefinition { Name = "Nightly", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *" }) { CreatedAt = T0, UpdatedAt = T0 });
            await store.CreateRunAsync(new ExportRun { Id = "run-1", JobId = "job-1", StartedAt = T0, Status = ExportRunStatus.Success, CompletedAt = T0.AddSeconds(3), Owner = "x", Epoch = 7, Cancelled = true });
            await store.CreateRunAsync(new ExportRun { Id = "run-2", JobId = "job-1", StartedAt = T0.AddMinutes(1), Owner = "x", Epoch = 7 });
        }

        // What the previous release wrote: run documents without the lifecycle's fields.
        using (var previous = new LiteDatabase(file))
        {
            var runs = previous.GetCollection("runs");
            foreach (var doc in runs.FindAll().ToList())
            {
                // owner and epoch are in every run this release writes; cancelled, cancelledBy and progress only when set.
                Assert.True(doc.Remove("owner") && doc.Remove("epoch"), doc.ToString());
                foreach (var field in new[] { "cancelled", "cancelledBy", "progress" })
                {
                    doc.Remove(field);
                }

                runs.Update(doc);
            }
        }

        using var upgraded = new LiteDbExportJobStore(file);

        var finished = await upgraded.GetRunAsync("run-1");
        Assert.NotNull(finished);
        Assert.Equal((null, 0L, false, null, (ExportRunProgress?)null), (finished.Owner, finished.Epoch, finished.Cancelled, finished.CancelledBy, finished.Progress));
        var running = Assert.Single(await upgraded.ListRunsByStatusAsync(ExportRunStatus.Running));
        Assert.Equal(("run-2", null, 0L), (running.Id, running.Owner, running.Epoch));

        // A running run left by the previous release has no owner: only a write naming none completes it.
        Assert.False(await upgraded.CompleteRunAsync(running with { Status = ExportRunStatus.Failed, CompletedAt = T0.AddMinutes(2), Owner = "web-1:1", Epoch = 1 }));
        Assert.False((await upgraded.CheckRunLeaseAsync("run-2", "web-1:1", 1)).Held);
        Assert.True(await upgraded.UpdateRunAsync(running with { Status = ExportRunStatus.Failed, CompletedAt = T0.AddMinutes(2), Error = "interrupted" }));
        Assert.Equal(ExportRunStatus.Failed, (await upgraded.GetRunAsync("run-2"))?.Status);
    }
}
