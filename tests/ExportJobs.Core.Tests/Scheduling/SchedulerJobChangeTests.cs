using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>Creating, editing, pausing, resuming and deleting a job takes effect in the scheduler at once.</summary>
public sealed class SchedulerJobChangeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PauseThenResume_DoesNotCatchUpThePausedOccurrences()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        await harness.AdvanceToAsync(Start.AddHours(1).AddMinutes(10));

        await harness.Manager.PauseAsync(job.Id);
        await harness.AdvanceToAsync(Start.AddHours(4).AddMinutes(10));
        var resumed = await harness.Manager.ResumeAsync(job.Id);
        await harness.WaitIdleAsync();
        await harness.AdvanceToAsync(Start.AddHours(6).AddMinutes(10));

        Assert.Equal(Start.AddHours(5), resumed!.NextRunAt);
        DateTimeOffset[] expected = [Start.AddHours(1), Start.AddHours(5), Start.AddHours(6)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task ResumeAfterRestart_DoesNotCatchUpThePausedOccurrences()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        await harness.Manager.PauseAsync(job.Id);
        await harness.AdvanceToAsync(Start.AddHours(3).AddMinutes(55));
        await harness.Manager.ResumeAsync(job.Id);

        await harness.RestartAsync(TimeSpan.FromMinutes(10));
        await harness.AdvanceToAsync(Start.AddHours(5).AddMinutes(30));

        DateTimeOffset[] expected = [Start.AddHours(4), Start.AddHours(5)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task EditedSchedule_TakesEffectAtOnce()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 2 * * *");

        var updated = await harness.Manager.UpdateAsync(job.Id, SchedulerHarness.Definition(job) with { Schedule = "*/10 * * * *" });
        await harness.AdvanceToAsync(Start.AddMinutes(35));

        Assert.Equal(Start.AddMinutes(10), updated.Value!.NextRunAt);
        DateTimeOffset[] expected = [Start.AddMinutes(10), Start.AddMinutes(20), Start.AddMinutes(30)];
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task EditedTimeZone_MovesTheNextRun()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 14 * * *");

        await harness.Manager.UpdateAsync(job.Id, SchedulerHarness.Definition(job) with { TimeZone = "Europe/Berlin" });
        await harness.AdvanceToAsync(Start.AddHours(3));

        var run = Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal(Start.AddHours(1), run.ScheduledAt);
    }

    [Fact]
    public async Task Delete_StopsTheJob()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("*/5 * * * *");
        var other = await harness.CreateJobAsync("*/5 * * * *");
        await harness.AdvanceToAsync(Start.AddMinutes(6));

        Assert.True(await harness.Manager.DeleteAsync(job.Id));
        await harness.AdvanceToAsync(Start.AddMinutes(31));

        Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Assert.Equal(6, harness.Dispatcher.StartedFor(other.Id).Count);
    }

    [Fact]
    public async Task InactiveJob_IsNotScheduledUntilResumed()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var result = await harness.Manager.CreateAsync(new ExportJobDefinition
        {
            Name = "inactive", DestinationType = "null", Format = "csv", Schedule = "*/5 * * * *", Active = false,
        });
        await harness.AdvanceToAsync(Start.AddMinutes(30));
        Assert.Empty(harness.Dispatcher.Started);

        await harness.Manager.ResumeAsync(result.Value!.Job.Id);
        await harness.AdvanceToAsync(Start.AddMinutes(40));

        Assert.Equal(2, harness.Dispatcher.Started.Count);
    }
}
