using ExportJobs.Cron;
using ExportJobs.Scheduling;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Cron;

public sealed class CronScheduleTests
{
    [Fact]
    public void Nightly_InBerlin_UsesTheZonesOffset()
    {
        var schedule = Parse("0 2 * * *", "Europe/Berlin");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void SpringForward_RunsOnceRightAfterTheGap()
    {
        var schedule = Parse("30 2 * * *", "Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        var occurrences = schedule.GetOccurrences(from, from.AddDays(3)).ToList();

        Assert.Equal(3, occurrences.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), occurrences[0]);
    }

    [Fact]
    public void FallBack_RunsTheAmbiguousTimeOnce()
    {
        var schedule = Parse("30 2 * * *", "America/New_York");
        var from = new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

        var occurrences = schedule.GetOccurrences(from, from.AddDays(3)).ToList();

        Assert.Equal(3, occurrences.Count);
        Assert.Single(occurrences, o => o.Day == 1 && o.Month == 11);
    }

    [Fact]
    public void UnknownZone_AndBadCron_AreBothReported()
    {
        var errors = new ValidationErrors();

        var schedule = CronSchedule.Parse("not cron", "Nowhere/Special", TimeZoneInfo.Utc, errors);

        Assert.Null(schedule);
        Assert.True(errors.Has("schedule"));
        Assert.True(errors.Has("timeZone"));
    }

    [Fact]
    public void SixFields_AreRejected_OnlyStandardCronIsAccepted()
    {
        var errors = new ValidationErrors();

        Assert.Null(CronSchedule.Parse("0 0 2 * * *", null, TimeZoneInfo.Utc, errors));
        Assert.True(errors.Has("schedule"));
    }

    [Fact]
    public void ScheduleThatNeverOccurs_IsRejected_ButLeapDayIsNot()
    {
        var errors = new ValidationErrors();

        Assert.Null(CronSchedule.Parse("0 2 30 2 *", "Europe/Berlin", TimeZoneInfo.Utc, errors));
        Assert.Contains("never occurs", Assert.Single(errors.ToDictionary()["schedule"]), StringComparison.Ordinal);

        var leapDay = Parse("0 2 29 2 *", "Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 2, 0, 0, TimeSpan.FromHours(1)), leapDay.GetNextOccurrence(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("@every_second")]
    [InlineData("@EVERY_SECOND")]
    [InlineData("@every_minute")]
    [InlineData("@reboot")]
    [InlineData("@often")]
    public void MacrosOutsideTheClassicSet_AreRejected(string macro)
    {
        var errors = new ValidationErrors();

        Assert.Null(CronSchedule.Parse(macro, null, TimeZoneInfo.Utc, errors));
        Assert.Contains("@hourly", Assert.Single(errors.ToDictionary()["schedule"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@yearly", "2027-01-01T00:00:00+01:00")]
    [InlineData("@annually", "2027-01-01T00:00:00+01:00")]
    [InlineData("@monthly", "2026-08-01T00:00:00+02:00")]
    [InlineData("@weekly", "2026-07-05T00:00:00+02:00")]
    [InlineData("@daily", "2026-07-02T00:00:00+02:00")]
    [InlineData("@midnight", "2026-07-02T00:00:00+02:00")]
    [InlineData("@Hourly", "2026-07-01T15:00:00+02:00")]
    public void ClassicMacros_StandForTheirFiveFieldExpressions(string macro, string expected)
    {
        var schedule = Parse(macro, "Europe/Berlin");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.GetNextOccurrence(new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("Factory")]
    [InlineData("right/UTC")]
    [InlineData("posix/Europe/Berlin")]
    [InlineData("Europe//Berlin")]
    [InlineData("Europe/Berlin/")]
    [InlineData("zone.tab")]
    [InlineData("W. Europe Standard Time")]
    public void ZoneIdsThatAreOnlyFileNames_AreRejected(string zone)
    {
        var errors = new ValidationErrors();

        Assert.Null(CronSchedule.Parse("0 2 * * *", zone, TimeZoneInfo.Utc, errors));
        Assert.Equal(["timeZone"], errors.ToDictionary().Keys);
        Assert.False(CronSchedule.TryFindTimeZone(zone, out _));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Etc/GMT+5")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Europe/Kyiv")]
    [InlineData("US/Eastern")]
    [InlineData("Asia/Calcutta")]
    public void CanonicalIanaIds_AndTheirBackwardAliases_AreAccepted(string zone)
    {
        Assert.NotNull(Parse("0 2 * * *", zone));
    }

    private static CronSchedule Parse(string cron, string zone)
    {
        var errors = new ValidationErrors();
        var schedule = CronSchedule.Parse(cron, zone, TimeZoneInfo.Utc, errors);
        Assert.True(errors.IsValid);
        return schedule!;
    }
}
