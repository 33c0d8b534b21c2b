using ExportJobs.Model;

namespace ExportJobs.Management;

/// <summary>A job as the API shows it: secrets masked, with its next run time and last run.</summary>
/// <param name="Job">The job, with secret settings masked.</param>
/// <param name="NextRunAt">The next cron occurrence in the job's time zone; <see langword="null"/> while paused.</param>
/// <param name="LastRun">The most recent run, or <see langword="null"/>.</param>
public sealed record ExportJobView(ExportJob Job, DateTimeOffset? NextRunAt, ExportRunSummary? LastRun);
