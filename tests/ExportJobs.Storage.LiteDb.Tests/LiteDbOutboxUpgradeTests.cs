using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>A file written by the release before the notification outbox (no <c>outbox</c> collection) keeps opening, and its running run completes with messages.</summary>
public sealed class LiteDbOutboxUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FileOfThePreviousRelease_Opens_AndItsRunningRunCompletesWithMessages()
    {
        var file = _folder.File("store.db");
        var running = new ExportRun { Id = "run-1", JobId = "job-1", StartedAt = T0, Owner = "web-1:1", Epoch = 1 };
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(new ExportJob("job-1", new ExportJobDefinition { Name = "Nightly", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *" }) { CreatedAt = T0, UpdatedAt = T0 });
            await store.CreateRunAsync(running);
        }

        // What the previous release wrote: the same collections, none for the outbox.
        using (var previous = new LiteDatabase(file))
        {
            previous.DropCollection("outbox");
            Assert.DoesNotContain("outbox", previous.GetCollectionNames());
            Assert.Contains("runs", previous.GetCollectionNames());
        }

        using var upgraded = new LiteDbExportJobStore(file);

        Assert.Empty(await upgraded.ClaimOutboxMessagesAsync("web-1:1", T0, T0.AddMinutes(1), 10));
        var message = new ExportOutboxMessage { Id = "evt-1", JobId = "job-1", RunId = "run-1", EventType = "failed", Payload = "{}", CreatedAt = T0.AddMinutes(1) };
        Assert.True(await upgraded.CompleteRunAsync(running with { Status = ExportRunStatus.Failed, CompletedAt = T0.AddMinutes(1), Error = "Access denied." }, [message]));
        Assert.Equal(ExportRunStatus.Failed, (await upgraded.GetRunAsync("run-1"))!.Status);
        Assert.Equal("evt-1", Assert.Single(await upgraded.ClaimOutboxMessagesAsync("web-1:1", T0.AddMinutes(2), T0.AddMinutes(3), 10)).Id);
    }
}
