using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Testing;
using LiteDB;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>
/// A job's <c>notifications</c> round-trip (null: the host's channels, <c>[]</c>: none, channels with their settings),
/// and jobs written by the previous release (without the field) keep opening as null, the host's channels.
/// </summary>
public sealed class LiteDbNotificationsUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ExportJob Job(string id, IReadOnlyList<ExportJobNotification>? notifications) =>
        new(id, new ExportJobDefinition { Name = "Told", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *", Notifications = notifications }) { CreatedAt = T0, UpdatedAt = T0 };

    private static ExportJobNotification[] Channels() =>
    [
        new ExportJobNotification { Type = "webhook", On = ["failed", "succeeded"], Settings = new JsonObject { ["url"] = "https://hooks.example.com/x", ["secret"] = new JsonObject { ["$protected"] = "cipher" } } },
        new ExportJobNotification { Type = "email", Settings = new JsonObject { ["to"] = new JsonArray("ops@example.com") } },
    ];

    [Fact]
    public async Task Notifications_RoundTrip_NullEmptyAndChannelsStayApart()
    {
        using var store = new LiteDbExportJobStore(_folder.File("store.db"));
        await store.CreateJobAsync(Job("defaults", null));
        await store.CreateJobAsync(Job("opted-out", []));
        await store.CreateJobAsync(Job("own", Channels()));

        Assert.Null((await store.GetJobAsync("defaults"))!.Notifications);
        Assert.Empty((await store.GetJobAsync("opted-out"))!.Notifications!);
        AssertChannels((await store.GetJobAsync("own"))!.Notifications);
        AssertChannels((await store.ListJobsAsync()).Single(j => j.Id == "own").Notifications);
    }

    [Fact]
    public async Task JobsOfThePreviousRelease_OpenWithTheHostsChannels()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore(file))
        {
            await store.CreateJobAsync(Job("job-1", Channels()));
        }

        // What the previous release wrote: documents without the notifications field.
        using (var previous = new LiteDatabase(file))
        {
            var jobs = previous.GetCollection("jobs");
            foreach (var doc in jobs.FindAll().ToList())
            {
                Assert.True(doc.Remove("notifications"), "job documents have a 'notifications' field to remove");
                jobs.Update(doc);
            }
        }

        using var upgraded = new LiteDbExportJobStore(file);

        var job = await upgraded.GetJobAsync("job-1");
        Assert.Null(job!.Notifications);
        Assert.True(await upgraded.UpdateJobAsync(job with { Notifications = Channels(), Version = job.Version + 1 }));
        AssertChannels((await upgraded.GetJobAsync("job-1"))!.Notifications);
    }

    private static void AssertChannels(IReadOnlyList<ExportJobNotification>? channels)
    {
        Assert.NotNull(channels);
        Assert.Equal(["webhook", "email"], channels.Select(c => c.Type));
        Assert.Equal(["failed", "succeeded"], channels[0].On);
        Assert.Empty(channels[1].On);
        Assert.True(JsonNode.DeepEquals(Channels()[0].Settings, channels[0].Settings), channels[0].Settings.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Channels()[1].Settings, channels[1].Settings), channels[1].Settings.ToJsonString());
    }
}
