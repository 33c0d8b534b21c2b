using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Scheduling;

public sealed class SchedulerAutoPauseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConsecutiveFailures_PauseTheJobWithTheReason()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o =>
        {
            o.RetryAttempts = 0;
            o.AutoPauseAfterFailures = 3;
        });
        harness.Dispatcher.Outcome = _ => "bucket 'exports' does not exist";
        var job = await harness.CreateJobAsync("0 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(6));

        Assert.Equal(3, harness.Dispatcher.StartedFor(job.Id).Count);
        var view = await harness.Manager.GetAsync(job.Id);
        Assert.False(view!.Job.Active);
        Assert.Null(view.NextRunAt);
        Assert.Contains("3 consecutive failed runs", view.Job.PausedReason, StringComparison.Ordinal);
        Assert.Contains("bucket 'exports' does not exist", view.Job.PausedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_ClearsTheReasonAndSchedulesAgain()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o =>
        {
            o.RetryAttempts = 1;
            o.RetryJitter = 0;
            o.AutoPauseAfterFailures = 2;
        });
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("0 * * * *");
        await harness.AdvanceToAsync(Start.AddHours(3));
        Assert.Equal(2, harness.Dispatcher.StartedFor(job.Id).Count);

        harness.Dispatcher.Outcome = _ => null;
        var resumed = await harness.Manager.ResumeAsync(job.Id);
        await harness.AdvanceToAsync(Start.AddHours(5));

        Assert.True(resumed!.Job.Active);
        Assert.Null(resumed.Job.PausedReason);
        Assert.Equal(4, harness.Dispatcher.StartedFor(job.Id).Count);
    }

    [Fact]
    public async Task SuccessInBetween_ResetsTheCount()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o =>
        {
            o.RetryAttempts = 0;
            o.AutoPauseAfterFailures = 2;
        });
        var count = 0;
        harness.Dispatcher.Outcome = _ => ++count % 2 == 0 ? null : "flaky";
        var job = await harness.CreateJobAsync("0 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(6));

        Assert.Equal(6, harness.Dispatcher.StartedFor(job.Id).Count);
        Assert.True((await harness.Store.GetJobAsync(job.Id))!.Active);
    }

    [Fact]
    public async Task Default_NeverPauses()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o => o.RetryAttempts = 0);
        harness.Dispatcher.Outcome = _ => "boom";
        var job = await harness.CreateJobAsync("0 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(10));

        Assert.Equal(10, harness.Dispatcher.StartedFor(job.Id).Count);
        Assert.All(harness.Dispatcher.StartedFor(job.Id), r => Assert.Equal(ExportRunTrigger.Schedule, r.Trigger));
        Assert.True((await harness.Store.GetJobAsync(job.Id))!.Active);
    }
}
