using ExportJobs.Cron;
using ExportJobs.Model;

namespace ExportJobs.Scheduling;

/// <summary>What the scheduler keeps about one active job: its stored state, parsed schedule and next due occurrence.</summary>
/// <param name="Job">The job as last read from the store.</param>
/// <param name="Schedule">The job's parsed schedule.</param>
/// <param name="Due">The next occurrence to run (may be in the past for a misfire within the grace window).</param>
/// <param name="Version">Changes with every reschedule; queue items of older versions are stale.</param>
internal sealed record ScheduleEntry(ExportJob Job, CronSchedule Schedule, DateTimeOffset Due, long Version);
