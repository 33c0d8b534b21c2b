using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>
/// Occurrences are claimed shortly before they are due, all that fall due together at once, and started at their instant;
/// changes between the claim and the instant behave as they would without it.
/// </summary>
public sealed class SchedulerClaimAheadTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 3, 2, 9, 1, 0, TimeSpan.Zero);

    [Fact]
    public async Task OccurrencesDueTogether_AreClaimedBeforeTheInstant_AndStartExactlyAtIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var jobs = new List<ExportJob>();
        for (var i = 0; i < 40; i++)
        {
            jobs.Add(await harness.CreateJobAsync(i % 2 == 0 ? "* * * * *" : "*/1 * * * *"));
        }

        await harness.AdvanceToAsync(Due.AddSeconds(-1));

        Assert.Empty(harness.Dispatcher.Started);
        foreach (var job in jobs)
        {
            Assert.Equal(Due, await harness.Store.GetLastClaimedOccurrenceAsync(job.Id));
        }

        await harness.AdvanceToAsync(Due);

        Assert.Equal(40, harness.Dispatcher.Started.Count);
        Assert.All(harness.Dispatcher.Started, run =>
        {
            Assert.Equal(Due, run.ScheduledAt);
            Assert.Equal(Due, run.StartedAt);
        });
    }

    [Fact]
    public async Task OccurrenceClaimedElsewhere_IsNotRun()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var mine = await harness.CreateJobAsync("* * * * *");
        var theirs = await harness.CreateJobAsync("* * * * *");
        Assert.True(await harness.Store.TryClaimOccurrenceAsync(theirs.Id, Due, "another-host"));

        await harness.AdvanceToAsync(Due.AddSeconds(30));

        Assert.Single(harness.Dispatcher.StartedFor(mine.Id));
        Assert.Empty(harness.Dispatcher.StartedFor(theirs.Id));
        Assert.Contains(harness.Logs.Entries, e => e.Message.Contains(theirs.Id, StringComparison.Ordinal) && e.Message.Contains("claimed by another host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobEditedAfterItsClaim_StillRunsThatOccurrenceOnce_WhenTheNewScheduleHasIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("* * * * *");
        await harness.AdvanceToAsync(Due.AddSeconds(-1));
        Assert.Equal(Due, await harness.Store.GetLastClaimedOccurrenceAsync(job.Id));

        await harness.Manager.UpdateAsync(job.Id, SchedulerHarness.Definition(job) with { Schedule = "1,3 * * * *" });
        await harness.AdvanceToAsync(Due.AddMinutes(4).AddSeconds(30));

        DateTimeOffset[] expected = [Due, Due.AddMinutes(2)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task JobEditedAfterItsClaim_SkipsThatOccurrence_WhenTheNewScheduleLacksIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("* * * * *");
        await harness.AdvanceToAsync(Due.AddSeconds(-1));

        await harness.Manager.UpdateAsync(job.Id, SchedulerHarness.Definition(job) with { Schedule = "*/5 * * * *" });
        await harness.AdvanceToAsync(Due.AddMinutes(5).AddSeconds(30));

        DateTimeOffset[] expected = [Due.AddMinutes(4)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task JobPausedAfterItsClaim_DoesNotRunIt_AndResumeDoesNotCatchItUp()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("* * * * *");
        await harness.AdvanceToAsync(Due.AddSeconds(-1));

        await harness.Manager.PauseAsync(job.Id);
        await harness.AdvanceToAsync(Due.AddSeconds(10));
        await harness.Manager.ResumeAsync(job.Id);
        await harness.AdvanceToAsync(Due.AddMinutes(1).AddSeconds(10));

        DateTimeOffset[] expected = [Due.AddMinutes(1)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task JobDeletedAfterItsClaim_DoesNotRunIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("* * * * *");
        await harness.AdvanceToAsync(Due.AddSeconds(-1));

        await harness.Manager.DeleteAsync(job.Id);
        await harness.AdvanceToAsync(Due.AddMinutes(2));

        Assert.Empty(harness.Dispatcher.Started);
    }
}
