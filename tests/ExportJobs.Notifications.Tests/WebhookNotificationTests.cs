using System.Globalization;
using System.Text;
using System.Text.Json;
using ExportJobs.Model;
using ExportJobs.Notifications.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Notifications.Tests;

/// <summary>The webhook channel against a real receiver (Kestrel on loopback), driven by the scheduler on a fake clock.</summary>
public sealed class WebhookNotificationTests : IAsyncLifetime
{
    private const string Secret = "whsec-notifications-secret";
    private HttpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task FailedRun_NoRetry_OneSignedFailedEvent_WithTheRunsFactsAndItsIdempotencyKey()
    {
        await using var host = await StartAsync();
        var job = await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var request = Assert.Single(_receiver.Requests);
        var run = Assert.Single((await host.Manager.ListRunsAsync(job.Id, 10))!);
        var timestamp = long.Parse(request.Headers[ExportNotificationHeaders.Timestamp], CultureInfo.InvariantCulture);
        Assert.True(ExportNotificationSignature.Verify(Secret, timestamp, request.Body, request.Headers[ExportNotificationHeaders.Signature]), "The signature does not verify.");
        Assert.False(ExportNotificationSignature.Verify("another secret", timestamp, request.Body, request.Headers[ExportNotificationHeaders.Signature]));
        Assert.Equal($"{run.Id}:failed", request.Headers[ExportNotificationHeaders.IdempotencyKey]);
        Assert.Equal((job.Id, run.Id, "failed", "1"), (request.Headers[ExportNotificationHeaders.JobId], request.Headers[ExportNotificationHeaders.RunId], request.Headers[ExportNotificationHeaders.Event], request.Headers[ExportNotificationHeaders.Attempt]));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("?token=query-secret", request.Query);

        using var payload = JsonDocument.Parse(request.Body);
        var p = payload.RootElement;
        PayloadSchema.AssertValid(p);
        Assert.Equal(1, p.GetProperty("version").GetInt32());
        Assert.Equal(("failed", job.Id, "Nightly products", run.Id, "failed"), (p.GetProperty("event").GetString(), p.GetProperty("jobId").GetString(), p.GetProperty("jobName").GetString(), p.GetProperty("runId").GetString(), p.GetProperty("status").GetString()));
        Assert.Equal(run.Error, p.GetProperty("error").GetString());
        Assert.Contains("refused the upload", run.Error, StringComparison.Ordinal);
        Assert.Equal(run.ScheduledAt, p.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal(1, p.GetProperty("attempt").GetInt32());
        Assert.Equal($"https://pim.example.com/export-jobs/{job.Id}/runs/{run.Id}", p.GetProperty("link").GetString());
        Assert.Equal(request.Headers[ExportNotificationHeaders.IdempotencyKey], p.GetProperty("id").GetString());
        AssertNoSecrets(host, request);
        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("test", host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow().AddDays(2), 10));
    }

    [Fact]
    public async Task FailRetryFailAgain_ExactlyOneFailedEvent_AfterTheLastAttempt_ThenASuccess_OneRecovered()
    {
        await using var host = await StartAsync(o => o.RetryAttempts = 1);
        var job = await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30)); // 09:00 fails, its retry is due 30 s later
        await host.Finished.WaitForAsync(1);
        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(31)); // the retry fails: the last attempt
        await host.Finished.WaitForAsync(2);
        await host.WaitForDoneAsync(1);
        host.Destination.Failure = null;
        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(90)); // 10:00 succeeds
        await host.Finished.WaitForAsync(3);
        await host.WaitForDoneAsync(2);

        var runs = (await host.Manager.ListRunsAsync(job.Id, 10))!.Reverse().ToList();
        Assert.Equal([ExportRunTrigger.Schedule, ExportRunTrigger.Retry, ExportRunTrigger.Schedule], runs.Select(r => r.Trigger));
        var events = _receiver.Requests.Select(r => (Event: r.Headers[ExportNotificationHeaders.Event], Key: r.Headers[ExportNotificationHeaders.IdempotencyKey])).ToList();
        Assert.Equal([("failed", $"{runs[1].Id}:failed"), ("recovered", $"{runs[2].Id}:recovered")], events);
        using var failed = JsonDocument.Parse(_receiver.Requests[0].Body);
        Assert.Equal(2, failed.RootElement.GetProperty("attempt").GetInt32());
        PayloadSchema.AssertValid(failed.RootElement);

        // A later success recovers nothing.
        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(150));
        await host.Finished.WaitForAsync(4);
        Assert.Equal(ExportRunStatus.Success, (await host.Manager.ListRunsAsync(job.Id, 1))!.Single().Status);
        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("test", host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow().AddDays(2), 10));
        Assert.Equal(2, _receiver.Requests.Count);
        AssertNoSecrets(host, _receiver.Requests.ToArray());
    }

    [Fact]
    public async Task ConsecutiveFailures_AFailedEventEach_AndAnAutoPausedEventWithTheReason()
    {
        await using var host = await StartAsync(o => o.AutoPauseAfterFailures = 2);
        var job = await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);
        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(90));
        await host.WaitForDoneAsync(3);

        var paused = (await host.Manager.GetAsync(job.Id))!.Job;
        Assert.False(paused.Active);
        // The second failure and the pause are sent side by side: in either order.
        var events = _receiver.Requests.Select(r => r.Headers[ExportNotificationHeaders.Event]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["autoPaused", "failed", "failed"], events);
        using var payload = JsonDocument.Parse(_receiver.Requests.Single(r => r.Headers[ExportNotificationHeaders.Event] == "autoPaused").Body);
        PayloadSchema.AssertValid(payload.RootElement);
        Assert.Equal(paused.PausedReason, payload.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("runId").ValueKind);
        Assert.Equal(3, _receiver.Requests.Select(r => r.Headers[ExportNotificationHeaders.IdempotencyKey]).Distinct().Count());
    }

    [Fact]
    public async Task Succeeded_OnlyWhenAsked_NothingInTheOutbox()
    {
        await using var host = await StartAsync(channel: c => c.On.Add("failed"));
        var job = await host.CreateJobAsync();

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.Finished.WaitForAsync(1);
        Assert.Equal(ExportRunStatus.Success, (await host.Manager.ListRunsAsync(job.Id, 1))!.Single().Status);

        Assert.Empty(_receiver.Requests);
        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("test", host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow().AddDays(2), 10));
    }

    [Fact]
    public async Task SucceededWhenAsked_OneEventPerSuccessfulRun()
    {
        await using var host = await StartAsync(channel: c => c.On.Add("succeeded"));
        var job = await host.CreateJobAsync();

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var request = Assert.Single(_receiver.Requests);
        var run = (await host.Manager.ListRunsAsync(job.Id, 1))!.Single();
        using var payload = JsonDocument.Parse(request.Body);
        PayloadSchema.AssertValid(payload.RootElement);
        Assert.Equal(("succeeded", "success", 5L, run.FileSize, run.DestinationPath), (payload.RootElement.GetProperty("event").GetString(), payload.RootElement.GetProperty("status").GetString(), payload.RootElement.GetProperty("recordCount").GetInt64(), (long?)payload.RootElement.GetProperty("fileSize").GetInt64(), payload.RootElement.GetProperty("destinationPath").GetString()));
    }

    private Task<NotifyingHost> StartAsync(Action<ExportJobsOptions>? configure = null, Action<ExportNotificationChannelOptions>? channel = null) =>
        NotifyingHost.StartAsync(
            o =>
            {
                var webhook = new ExportNotificationChannelOptions { Type = "webhook", Url = _receiver.Url, Secret = Secret };
                channel?.Invoke(webhook);
                o.Channels.Add(webhook);
                o.PublicBaseUrl = new Uri("https://pim.example.com/export-jobs/");
            },
            configure);

    private static void AssertNoSecrets(NotifyingHost host, params ReceivedRequest[] requests)
    {
        string[] secrets = [Secret, "query-secret", "destination-token-secret"];
        foreach (var request in requests)
        {
            var body = Encoding.UTF8.GetString(request.Body);
            Assert.All(secrets, s => Assert.DoesNotContain(s, body, StringComparison.Ordinal));
        }

        var leak = host.Logs.Entries.FirstOrDefault(e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(s, StringComparison.Ordinal) ?? false)));
        Assert.True(leak.Message is null, $"A log entry holds a secret: {leak.Level} {leak.Message}");
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error && e.Category.Contains("Notification", StringComparison.Ordinal));
    }
}
