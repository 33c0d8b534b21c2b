namespace ExportJobs.Management;

/// <summary>A job's schedule with the time zone it is evaluated in and its next run times.</summary>
/// <param name="Schedule">The 5-field cron expression.</param>
/// <param name="TimeZone">The IANA id of the zone it runs in (the job's, else the library's default).</param>
/// <param name="Active">Whether the job runs on its schedule (the times are shown while paused too).</param>
/// <param name="NextRuns">The next run times, with the zone's offset at each.</param>
public sealed record ExportJobSchedule(string Schedule, string TimeZone, bool Active, IReadOnlyList<DateTimeOffset> NextRuns);
