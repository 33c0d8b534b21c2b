namespace ExportJobs.Scheduling;

/// <summary>An item in the scheduler's priority queue: a cron occurrence or a retry.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Version">For occurrences, the <see cref="ScheduleEntry.Version"/> it was queued for; 0 for retries.</param>
/// <param name="Occurrence">The cron occurrence the run belongs to.</param>
/// <param name="Attempt">1 for the occurrence itself; 2 and up for retries.</param>
internal readonly record struct ScheduledWork(string JobId, long Version, DateTimeOffset Occurrence, int Attempt)
{
    public bool IsRetry => Attempt > 1;
}
