namespace ExportJobs.Core.Tests.Scheduling;

public sealed class SchedulerCadenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Nightly_RunsOnceADayAtItsTime()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 2 * * *");

        await harness.AdvanceToAsync(Start.AddDays(3));

        var runs = harness.Dispatcher.StartedFor(job.Id);
        DateTimeOffset[] expected = [new(2026, 1, 11, 2, 0, 0, TimeSpan.Zero), new(2026, 1, 12, 2, 0, 0, TimeSpan.Zero), new(2026, 1, 13, 2, 0, 0, TimeSpan.Zero)];
        Assert.Equal(expected, runs.Select(r => r.ScheduledAt!.Value));
        Assert.All(runs, r => Assert.Equal(r.ScheduledAt, r.StartedAt));
        Assert.All(runs, r => Assert.Equal(ExportJobs.Model.ExportRunTrigger.Schedule, r.Trigger));
    }

    [Fact]
    public async Task Hourly_RunsAtTheTopOfEveryHour()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start.AddMinutes(17));
        var job = await harness.CreateJobAsync("0 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(5).AddMinutes(30));

        var expected = Enumerable.Range(1, 5).Select(h => Start.AddHours(h));
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task EveryFiveMinutes_RunsTwelveTimesAnHour()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start.AddSeconds(1));
        var job = await harness.CreateJobAsync("*/5 * * * *");

        await harness.AdvanceToAsync(Start.AddHours(1));

        var expected = Enumerable.Range(1, 12).Select(i => Start.AddMinutes(5 * i));
        Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
    }

    [Fact]
    public async Task NextRunAt_InResponses_IsTheOccurrenceTheSchedulerRuns()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("15 3 * * *", "Europe/Berlin");
        var view = await harness.Manager.GetAsync(job.Id);

        await harness.AdvanceToAsync(Start.AddDays(1));

        var first = harness.Dispatcher.StartedFor(job.Id)[0];
        Assert.Equal(view!.NextRunAt, first.ScheduledAt);
        Assert.Equal(TimeSpan.FromHours(1), view.NextRunAt!.Value.Offset);
    }

    [Fact]
    public async Task ManyJobs_EachRunsAtItsOwnOccurrence()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var jobs = new List<ExportJobs.Model.ExportJob>();
        for (var minute = 0; minute < 60; minute += 3)
        {
            jobs.Add(await harness.CreateJobAsync($"{minute} * * * *"));
        }

        await harness.AdvanceToAsync(Start.AddHours(2));

        foreach (var (job, i) in jobs.Select((j, i) => (j, i)))
        {
            var expected = new[] { Start.AddMinutes(i * 3), Start.AddHours(1).AddMinutes(i * 3), Start.AddHours(2).AddMinutes(i * 3) }
                .Where(t => t > Start && t <= Start.AddHours(2));
            Assert.Equal(expected, harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value));
        }
    }
}
