using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>Jobs stored by an earlier release with a schedule today's rules refuse load, and are paused with the reason.</summary>
public sealed class SchedulerStoredScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 2 * * *", "localtime", "timeZone")]
    [InlineData("0 2 * * *", "posix/Europe/Berlin", "timeZone")]
    [InlineData("@every_second", null, "@every_second")]
    public async Task StoredJobThatNewerRulesRefuse_LoadsAndIsPausedWithTheReason(string schedule, string? zone, string named)
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var good = await harness.CreateJobAsync("0 * * * *");
        var stored = new ExportJob("legacy", SchedulerHarness.Definition(good) with { Schedule = schedule, TimeZone = zone, Name = "legacy" })
        {
            CreatedAt = Start,
            UpdatedAt = Start,
        };

        await harness.RestartAsync(TimeSpan.FromMinutes(1), store => store.CreateJobAsync(stored));
        await harness.AdvanceToAsync(Start.AddHours(3));

        var view = await harness.Manager.GetAsync("legacy");
        Assert.NotNull(view);
        Assert.False(view.Job.Active);
        Assert.Null(view.NextRunAt);
        Assert.Contains("no longer accepted", view.Job.PausedReason, StringComparison.Ordinal);
        Assert.Contains(named, view.Job.PausedReason, StringComparison.Ordinal);
        Assert.Empty(harness.Dispatcher.StartedFor("legacy"));
        Assert.Equal(3, harness.Dispatcher.StartedFor(good.Id).Count);
        Assert.Equal(2, (await harness.Manager.ListAsync()).Count);
    }
}
