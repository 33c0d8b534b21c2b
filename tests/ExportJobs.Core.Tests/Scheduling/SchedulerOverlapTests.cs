using ExportJobs.Model;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Core.Tests.Scheduling;

public sealed class SchedulerOverlapTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OccurrenceWhilePreviousRunStillGoes_IsSkippedAndLogged()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        harness.Dispatcher.HoldRuns = true;
        var job = await harness.CreateJobAsync("*/5 * * * *");

        await harness.AdvanceToAsync(Start.AddMinutes(12));
        Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.True(harness.Logs.Contains(LogLevel.Warning, $"Export job {job.Id} skipped occurrence"));

        harness.Dispatcher.Complete(job.Id);
        await harness.AdvanceToAsync(Start.AddMinutes(16));

        DateTimeOffset[] expected = [Start.AddMinutes(5), Start.AddMinutes(15)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task SkippedOccurrence_IsNotRunLater()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        harness.Dispatcher.HoldRuns = true;
        var job = await harness.CreateJobAsync("0 * * * *");
        await harness.AdvanceToAsync(Start.AddHours(2).AddMinutes(1));

        harness.Dispatcher.Complete(job.Id);
        await harness.AdvanceToAsync(Start.AddHours(2).AddMinutes(30));

        var run = Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal(Start.AddHours(1), run.ScheduledAt);
    }

    [Fact]
    public async Task OccurrenceClaimedByAnotherHost_DoesNotRun()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        Assert.True(await harness.Store.TryClaimOccurrenceAsync(job.Id, Start.AddHours(1), "other-host"));

        await harness.AdvanceToAsync(Start.AddHours(2).AddMinutes(1));

        var run = Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal(Start.AddHours(2), run.ScheduledAt);
        Assert.Equal(Start.AddHours(2), await harness.Store.GetLastClaimedOccurrenceAsync(job.Id));
    }

    [Fact]
    public async Task EveryStartedOccurrence_IsClaimedFirst()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("*/30 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(1));

        Assert.Equal(2, harness.Dispatcher.StartedFor(job.Id).Count);
        Assert.False(await harness.Store.TryClaimOccurrenceAsync(job.Id, Start.AddMinutes(30), "other-host"));
        Assert.False(await harness.Store.TryClaimOccurrenceAsync(job.Id, Start.AddHours(1), "other-host"));
        Assert.All(await harness.Store.ListRunsAsync(job.Id, 10), r => Assert.Equal(ExportRunStatus.Success, r.Status));
    }
}
