using Cronos;
using ExportJobs.Validation;

namespace ExportJobs.Cron;

/// <summary>A parsed 5-field cron expression bound to the time zone it is evaluated in.</summary>
/// <remarks>
/// Occurrences are computed by Cronos, which is daylight-saving safe: a nightly time that does not exist on a
/// spring-forward day runs once right after the gap, and a time that exists twice on a fall-back day runs once.
/// </remarks>
internal sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo timeZone)
    {
        _expression = expression;
        TimeZone = timeZone;
    }

    /// <summary>The zone the expression is evaluated in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parses a job's schedule, reporting problems under <c>schedule</c> and <c>timeZone</c>.</summary>
    /// <param name="cron">A standard 5-field cron expression, or one of the macros <c>@yearly</c>, <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>.</param>
    /// <param name="timeZoneId">The job's IANA time zone, or <see langword="null"/> for <paramref name="defaultTimeZone"/>.</param>
    /// <param name="defaultTimeZone">The zone used when the job names none.</param>
    /// <param name="errors">Collects the problems.</param>
    /// <returns>The schedule, or <see langword="null"/> when something was reported.</returns>
    public static CronSchedule? Parse(string? cron, string? timeZoneId, TimeZoneInfo defaultTimeZone, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var zone = defaultTimeZone;
        if (timeZoneId?.Length > FieldLimits.TimeZone)
        {
            zone = null;
            errors.Add("timeZone", $"The time zone must be an IANA time zone id of at most {FieldLimits.TimeZone} characters, such as 'Europe/Berlin' or 'UTC'.");
        }
        else if (timeZoneId is not null && !TryFindTimeZone(timeZoneId, out zone))
        {
            errors.Add("timeZone", $"'{timeZoneId}' is not an IANA time zone id; use a canonical id such as 'Europe/Berlin' or 'UTC' (file names under the zoneinfo folder such as 'localtime' or 'posix/...' are not accepted).");
        }

        if (string.IsNullOrWhiteSpace(cron))
        {
            errors.Add("schedule", "The schedule is required: a 5-field cron expression such as '0 2 * * *'.");
            return null;
        }

        if (cron.Length > FieldLimits.Schedule)
        {
            errors.Add("schedule", $"The schedule must be at most {FieldLimits.Schedule} characters long: a 5-field cron expression such as '0 2 * * *'.");
            return null;
        }

        var text = cron;
        if (cron.TrimStart().StartsWith('@'))
        {
            if (!CronMacros.TryExpand(cron, out var expanded))
            {
                errors.Add("schedule", $"'{cron}' is not an accepted macro. Use one of {CronMacros.Names}, or a 5-field cron expression; nothing runs more often than once a minute.");
                return null;
            }

            text = expanded;
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(text, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            errors.Add("schedule", $"'{cron}' is not a valid 5-field cron expression (minute hour day-of-month month day-of-week): {ex.Message}");
            return null;
        }

        // Calendar fields alone decide whether any date matches (e.g. February 30th never does); the zone cannot change that.
        if (expression.GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) is null)
        {
            errors.Add("schedule", $"'{cron}' never occurs: no date matches its day-of-month, month and day-of-week, so the job would never run.");
            return null;
        }

        return zone is null ? null : new CronSchedule(expression, zone);
    }

    /// <summary>Finds a time zone by IANA id: a canonical id or an alias of tzdata's <c>backward</c> file (see the remarks).</summary>
    /// <param name="id">The id.</param>
    /// <remarks>
    /// Ids that only name a file under the system's zoneinfo folder (<c>localtime</c>, <c>posixrules</c>, <c>Factory</c>,
    /// <c>right/UTC</c>, <c>posix/…</c>, <c>Europe//Berlin</c>) and Windows ids are refused: accepted are <c>UTC</c>, the
    /// canonical ids the system lists, and the IANA ids (with their aliases such as <c>US/Eastern</c>) that ICU knows.
    /// </remarks>
    /// <param name="zone">The zone, when found.</param>
    public static bool TryFindTimeZone(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        return IanaTimeZones.IsIanaId(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, with the zone's offset at that instant.</summary>
    /// <param name="after">The instant to start from.</param>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, TimeZone);

    /// <summary>The occurrences in (<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    /// <param name="from">Exclusive start.</param>
    /// <param name="to">Inclusive end.</param>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset from, DateTimeOffset to) =>
        _expression.GetOccurrences(from, to, TimeZone, fromInclusive: false, toInclusive: true);

    /// <summary>The next <paramref name="count"/> occurrences strictly after <paramref name="after"/>, oldest first (fewer when the schedule has no more).</summary>
    /// <param name="after">The instant to start from.</param>
    /// <param name="count">How many at most.</param>
    public IReadOnlyList<DateTimeOffset> GetNextOccurrences(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var cursor = after;
        while (result.Count < count && GetNextOccurrence(cursor) is { } next)
        {
            result.Add(next);
            cursor = next;
        }

        return result;
    }
}
