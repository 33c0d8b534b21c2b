using ExportJobs.Model;
using ExportJobs.Notifications.Tests.Infrastructure;
using ExportJobs.Testing.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Notifications.Tests;

/// <summary>Two hosts on one PostgreSQL schema: each event of a run is sent by exactly one of them.</summary>
public sealed class PostgreSqlTwoHostsTests : IAsyncLifetime
{
    private PostgreSqlServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgreSqlServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoHosts_FailedRunsOfTwoOccurrences_EachEventSentOnce()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var schema = $"t_{Guid.NewGuid():N}";
        void Notify(ExportNotificationOptions o) => o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = receiver.Url });
        void Store(IExportJobsBuilder b, string _) => b.UsePostgreSql(_server.ConnectionString, o => o.Schema = schema);
        await using var a = await NotifyingHost.StartAsync(Notify, useStore: Store);
        var job = await a.CreateJobAsync();
        await using var b = await NotifyingHost.StartAsync(Notify, useStore: Store);
        a.Destination.Failure = b.Destination.Failure = "bucket 'exports' refused the upload";

        for (var occurrence = 1; occurrence <= 2; occurrence++)
        {
            var at = NotifyingHost.Start.AddMinutes(30 + (60 * (occurrence - 1)));
            await Task.WhenAll(a.AdvanceToAsync(at), b.AdvanceToAsync(at));
            await receiver.WaitForAsync(occurrence);
            await DoneAsync(a, b, occurrence); // deleted from the outbox before the clocks jump on
        }

        // Both hosts keep polling the outbox (every 30 s) for a while: nothing is sent again.
        for (var poll = 0; poll < 4; poll++)
        {
            a.Time.Advance(TimeSpan.FromSeconds(31));
            b.Time.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAll(a.Scheduler.WaitUntilIdleAsync(CancellationToken.None), b.Scheduler.WaitUntilIdleAsync(CancellationToken.None));
        }

        await DoneAsync(a, b, 2);
        var done = a.Activity.Snapshot().Concat(b.Activity.Snapshot()).Where(e => e.Kind == "done").Select(e => e.MessageId).ToList();
        var runs = (await a.Manager.ListRunsAsync(job.Id, 10))!;
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(ExportRunStatus.Failed, r.Status));
        Assert.Equal(runs.Select(r => $"{r.Id}:failed").Order(StringComparer.Ordinal), receiver.Requests.Select(r => r.Headers[ExportNotificationHeaders.IdempotencyKey]).Order(StringComparer.Ordinal));
        Assert.Equal(2, done.Count);
        Assert.Empty(await a.Store.ClaimOutboxMessagesAsync("test", a.Time.GetUtcNow().AddDays(1), a.Time.GetUtcNow().AddDays(2), 10));
    }

    /// <summary>Waits until the two hosts together have finished <paramref name="count"/> events.</summary>
    private static async Task DoneAsync(NotifyingHost a, NotifyingHost b, int count)
    {
        bool Enough(IReadOnlyList<Sending.NotificationActivity.Entry> _) =>
            a.Activity.Snapshot().Concat(b.Activity.Snapshot()).Count(e => e.Kind == "done") >= count;
        using var cancel = new CancellationTokenSource();
        var first = await Task.WhenAny(a.Activity.WaitForAsync(Enough, $"{count} events done", TimeSpan.FromSeconds(20), cancel.Token), b.Activity.WaitForAsync(Enough, $"{count} events done", TimeSpan.FromSeconds(20), cancel.Token));
        await cancel.CancelAsync();
        await first;
    }
}
