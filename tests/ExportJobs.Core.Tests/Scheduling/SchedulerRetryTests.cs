using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>Failed scheduled runs are retried with exponential backoff; each attempt is a run of its own.</summary>
public sealed class SchedulerRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private static void NoJitter(ExportJobsOptions o)
    {
        o.RetryAttempts = 3;
        o.RetryDelay = TimeSpan.FromSeconds(30);
        o.RetryJitter = 0;
    }

    [Fact]
    public async Task FailedRun_IsRetriedWithExponentialBackoffUpToTheLimit()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, NoJitter);
        harness.Dispatcher.Outcome = _ => "destination unreachable";
        var job = await harness.CreateJobAsync("0 13 * * *");

        await harness.AdvanceToAsync(Start.AddHours(2));

        var runs = harness.Dispatcher.StartedFor(job.Id);
        var occurrence = Start.AddHours(1);
        DateTimeOffset[] starts = [occurrence, occurrence.AddSeconds(30), occurrence.AddSeconds(90), occurrence.AddSeconds(210)];
        Assert.Equal(starts, runs.Select(r => r.StartedAt));
        Assert.Equal([1, 2, 3, 4], runs.Select(r => r.Attempt));
        Assert.Equal([ExportRunTrigger.Schedule, ExportRunTrigger.Retry, ExportRunTrigger.Retry, ExportRunTrigger.Retry], runs.Select(r => r.Trigger));
        Assert.All(runs, r => Assert.Equal(occurrence, r.ScheduledAt));
        Assert.Equal(4, (await harness.Store.ListRunsAsync(job.Id, 10)).Count(r => r.Status == ExportRunStatus.Failed));
    }

    [Fact]
    public async Task RetryThatSucceeds_StopsRetrying()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, NoJitter);
        harness.Dispatcher.Outcome = r => r.Attempt < 2 ? "timeout" : null;
        var job = await harness.CreateJobAsync("0 13 * * *");

        await harness.AdvanceToAsync(Start.AddHours(2));

        var statuses = (await harness.Store.ListRunsAsync(job.Id, 10)).Select(r => r.Status);
        Assert.Equal([ExportRunStatus.Success, ExportRunStatus.Failed], statuses);
    }

    [Fact]
    public async Task RetriesOff_FailedRunIsNotRetried()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o => o.RetryAttempts = 0);
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("0 13 * * *");

        await harness.AdvanceToAsync(Start.AddHours(2));

        Assert.Single(harness.Dispatcher.StartedFor(job.Id));
    }

    [Fact]
    public async Task RetryThatWouldComeAfterTheNextOccurrence_IsDropped()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o =>
        {
            NoJitter(o);
            o.RetryDelay = TimeSpan.FromMinutes(3);
        });
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("*/5 * * * *");

        await harness.AdvanceToAsync(Start.AddMinutes(11));

        var runs = harness.Dispatcher.StartedFor(job.Id);
        Assert.Equal([Start.AddMinutes(5), Start.AddMinutes(8), Start.AddMinutes(10)], runs.Select(r => r.StartedAt));
        Assert.Equal([1, 2, 1], runs.Select(r => r.Attempt));
    }

    [Fact]
    public async Task PausedJob_IsNotRetried()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, NoJitter);
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("0 13 * * *");
        await harness.AdvanceToAsync(Start.AddHours(1).AddSeconds(10));

        await harness.Manager.PauseAsync(job.Id);
        await harness.AdvanceToAsync(Start.AddHours(2));

        Assert.Single(harness.Dispatcher.StartedFor(job.Id));
    }

    [Fact]
    public async Task ManualRunThatFails_IsNotRetriedByTheScheduler()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, NoJitter);
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("0 2 * * *");

        await harness.Dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual));
        await harness.AdvanceToAsync(Start.AddHours(1));

        Assert.Single(harness.Dispatcher.StartedFor(job.Id));
    }

    [Theory]
    [InlineData(1, 0.0, 24)]
    [InlineData(1, 1.0, 36)]
    [InlineData(1, 0.5, 30)]
    [InlineData(3, 0.5, 120)]
    [InlineData(20, 0.5, 600)]
    public void Backoff_DoublesPerAttemptWithinTheJitterAndCap(int failedAttempt, double random, double expectedSeconds)
    {
        var options = new ExportJobsOptions { RetryDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromMinutes(10), RetryJitter = 0.2 };

        var delay = ExportJobs.Scheduling.RetryBackoff.Delay(failedAttempt, options, random);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, precision: 6);
    }
}
