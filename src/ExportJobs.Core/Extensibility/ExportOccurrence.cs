namespace ExportJobs.Extensibility;

/// <summary>One cron occurrence of one job: what the scheduler claims before it runs it.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Occurrence">The occurrence (compared as an instant, whatever its offset).</param>
public readonly record struct ExportOccurrence(string JobId, DateTimeOffset Occurrence);
