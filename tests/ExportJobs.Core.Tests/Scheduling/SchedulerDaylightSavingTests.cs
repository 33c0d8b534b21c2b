namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>A nightly job across daylight-saving changes runs exactly once per local day: never skipped, never doubled.</summary>
public sealed class SchedulerDaylightSavingTests
{
    public static TheoryData<string, string, string, string[]> Transitions => new()
    {
        // Berlin springs forward 2026-03-29 02:00 -> 03:00: 02:30 does not exist and runs right after the gap.
        { "Europe/Berlin", "30 2 * * *", "2026-03-27T12:00:00+01:00", ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"] },

        // Berlin falls back 2026-10-25 03:00 -> 02:00: 02:30 happens twice and runs once.
        { "Europe/Berlin", "30 2 * * *", "2026-10-23T12:00:00+02:00", ["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"] },

        // New York springs forward 2026-03-08 02:00 -> 03:00.
        { "America/New_York", "30 2 * * *", "2026-03-06T12:00:00-05:00", ["2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"] },

        // New York falls back 2026-11-01 02:00 -> 01:00: 01:30 happens twice and runs once.
        { "America/New_York", "30 1 * * *", "2026-10-30T12:00:00-04:00", ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"] },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task Nightly_AcrossDaylightSavingChange_RunsOncePerLocalDay(string zone, string cron, string start, string[] expected)
    {
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        await using var harness = await SchedulerHarness.StartAsync(from);
        var job = await harness.CreateJobAsync(cron, zone);

        await harness.AdvanceToAsync(from.AddDays(3).AddHours(-6));

        var runs = harness.Dispatcher.StartedFor(job.Id).Select(r => r.ScheduledAt!.Value).ToList();
        Assert.Equal(expected.Select(e => DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture)), runs);
        var localDays = runs.Select(r => TimeZoneInfo.ConvertTime(r, TimeZoneInfo.FindSystemTimeZoneById(zone)).Date).ToList();
        Assert.Equal(localDays.Distinct().Count(), localDays.Count);
    }
}
