namespace ExportJobs.AspNetCore.Contracts;

/// <summary>A job's schedule with the time zone it is evaluated in and its next run times (UTC offsets as in ISO 8601).</summary>
internal sealed record ExportScheduleResponse(string Schedule, string TimeZone, bool Active, IReadOnlyList<DateTimeOffset> NextRuns);
