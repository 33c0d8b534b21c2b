using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Notifications.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Notifications.Tests;

/// <summary>A receiver that is down, and a host that dies between recording a run and sending its event.</summary>
public sealed class DeliveryFailureTests
{
    [Fact]
    public async Task ReceiverDown_RetriedWithBackoff_ThenGivenUpAndLogged_TheRunsRecordUnaffected()
    {
        await using var receiver = await HttpReceiver.StartAsync(_ => 503);
        await using var host = await NotifyingHost.StartAsync(o =>
        {
            o.MaxAttempts = 3;
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = receiver.Url, Secret = "whsec-down" });
        });
        var job = await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        for (var retry = 1; retry <= 2; retry++)
        {
            // The pipeline has set its backoff timer (at most MaxRetryDelay, 4 s; attempt timeouts are 20 s, pooled timers start at -1): move past it.
            await host.Activity.WaitForAsync(e => e.Count(x => x.Kind == "timer" && double.Parse(x.Detail!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 4000) >= retry, $"backoff {retry}", TimeSpan.FromSeconds(20));
            host.Time.Advance(TimeSpan.FromSeconds(4));
        }

        await host.WaitForDoneAsync(1);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(["1", "2", "3"], receiver.Requests.Select(r => r.Headers[ExportNotificationHeaders.Attempt]));
        Assert.Single(receiver.Requests.Select(r => r.Headers[ExportNotificationHeaders.IdempotencyKey]).Distinct());
        var gaveUp = Assert.Single(host.Activity.Snapshot(), e => e.Kind == "gaveUp");
        Assert.Contains("answered 503", gaveUp.Detail, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("gave up after 3 attempt(s)", StringComparison.Ordinal) && e.Message.Contains("answered 503", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("whsec-down", StringComparison.Ordinal) || e.Message.Contains("query-secret", StringComparison.Ordinal));

        var run = Assert.Single((await host.Manager.ListRunsAsync(job.Id, 10))!);
        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("refused the upload", run.Error, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("test", host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow().AddDays(2), 10));
    }

    [Fact]
    public async Task NotRetryableAnswer_GivenUpAtOnce()
    {
        await using var receiver = await HttpReceiver.StartAsync(_ => 400);
        await using var host = await NotifyingHost.StartAsync(o => o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = receiver.Url }));
        await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        Assert.Single(receiver.Requests);
        Assert.DoesNotContain(host.Activity.Snapshot(), e => e.Kind == "retrying");
        Assert.Contains("not retried", Assert.Single(host.Activity.Snapshot(), e => e.Kind == "gaveUp").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostDiedAfterTheFinalWrite_AnotherHostSendsTheEvent_OnceTheHoldLapses()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var host = await NotifyingHost.StartAsync(o => o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = receiver.Url }));
        var job = await host.CreateJobAsync();

        // What a host that died right after its final write leaves: the failed run and its event, held by the dead host.
        var now = host.Time.GetUtcNow();
        var opened = new ExportRun { Id = "run-of-a-dead-host", JobId = job.Id, StartedAt = now, Owner = "dead-host:1", Epoch = 1, ScheduledAt = now, Trigger = ExportRunTrigger.Schedule };
        await host.Store.CreateRunAsync(opened);
        var held = new ExportOutboxMessage
        {
            Id = "run-of-a-dead-host:failed",
            JobId = job.Id,
            RunId = opened.Id,
            EventType = "failed",
            Payload = $$"""{"version":1,"id":"run-of-a-dead-host:failed","event":"failed","occurredAt":"{{now:O}}","jobId":"{{job.Id}}","jobName":"Nightly products","runId":"run-of-a-dead-host","status":"failed","scheduledAt":null,"startedAt":"{{now:O}}","completedAt":"{{now:O}}","recordCount":null,"fileSize":null,"destinationPath":null,"error":"disk full","attempt":1,"trigger":"schedule","cancelled":false,"reason":null,"link":null}""",
            CreatedAt = now,
            ClaimedBy = "dead-host:1:x",
            ClaimedUntil = now.AddMinutes(5),
        };
        Assert.True(await host.Store.CompleteRunAsync(opened with { Status = ExportRunStatus.Failed, CompletedAt = now, Error = "disk full" }, [held]));

        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("another-host", host.Time.GetUtcNow().AddMinutes(4), host.Time.GetUtcNow().AddMinutes(9), 10));
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)); // the hold lapsed; the sender's next poll (every 30 s) takes it over
        await host.WaitForDoneAsync(1);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("run-of-a-dead-host:failed", request.Headers[ExportNotificationHeaders.IdempotencyKey]);
    }
}
