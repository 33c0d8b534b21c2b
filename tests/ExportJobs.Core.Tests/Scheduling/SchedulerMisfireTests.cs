using ExportJobs.Model;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>Occurrences missed while the host was down: the latest runs once within the grace window, never a burst.</summary>
public sealed class SchedulerMisfireTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MissedWithinGraceWindow_RunsOnceAtStartUp()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 13 * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(55));

        await harness.RestartAsync(TimeSpan.FromMinutes(14));

        var run = Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal(Start.AddHours(1), run.ScheduledAt);
        Assert.Equal(Start.AddMinutes(69), run.StartedAt);
        Assert.True(harness.Logs.Contains(LogLevel.Information, "missed its occurrence"));
    }

    [Fact]
    public async Task MissedBeyondGraceWindow_IsSkippedAndLogged()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 13 * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(55));

        await harness.RestartAsync(TimeSpan.FromMinutes(21));
        await harness.AdvanceToAsync(Start.AddHours(20));

        Assert.Empty(harness.Dispatcher.StartedFor(job.Id));
        Assert.True(harness.Logs.Contains(LogLevel.Warning, "more than 00:15:00 late"));
    }

    [Fact]
    public async Task ManyMissedOccurrences_RunOnlyTheLatestOnce()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o => o.MisfireGraceWindow = TimeSpan.FromHours(1));
        var job = await harness.CreateJobAsync("*/5 * * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(6));

        await harness.RestartAsync(TimeSpan.FromMinutes(42));
        await harness.AdvanceToAsync(Start.AddMinutes(52));

        DateTimeOffset?[] expected = [Start.AddMinutes(5), Start.AddMinutes(45), Start.AddMinutes(50)];
        Assert.Equal(expected, await harness.StoredRunTimesAsync(job.Id));
    }

    [Fact]
    public async Task OccurrenceThatRanBeforeRestart_DoesNotRunAgain()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 13 * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(61));

        await harness.RestartAsync(TimeSpan.FromMinutes(2));
        await harness.AdvanceToAsync(Start.AddHours(3));

        Assert.Empty(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal([Start.AddHours(1)], await harness.StoredRunTimesAsync(job.Id));
    }

    [Fact]
    public async Task ZeroGraceWindow_SkipsEveryMissedOccurrence()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start, o => o.MisfireGraceWindow = TimeSpan.Zero);
        var job = await harness.CreateJobAsync("0 13 * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(59));

        await harness.RestartAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(harness.Dispatcher.StartedFor(job.Id));
        Assert.Empty(await harness.Store.ListRunsAsync(job.Id, 10));
    }
}
