using ExportJobs.Model;

namespace ExportJobs.Management;

/// <summary>
/// A job with what a page about it shows, read in one call: the job, its newest runs, whether older runs exist, and its
/// schedule with the next five run times.
/// </summary>
/// <param name="Job">The job as <see cref="ExportJobManager.GetAsync"/> returns it (secrets masked, next run, last run).</param>
/// <param name="Runs">The newest runs, most recent first, with live progress for a running one.</param>
/// <param name="MoreRuns">Whether the job has runs older than the last of <paramref name="Runs"/> (page on with <see cref="ExportJobManager.ListRunsAsync(string, ExportRunPageRequest, Validation.ValidationErrors?, CancellationToken)"/>).</param>
/// <param name="Schedule">The schedule and its next run times, as <see cref="ExportJobManager.GetScheduleAsync"/> returns it; <see langword="null"/> when the current rules refuse the stored schedule or zone.</param>
/// <param name="ScheduleProblem">Why <paramref name="Schedule"/> is <see langword="null"/>; otherwise <see langword="null"/>.</param>
public sealed record ExportJobOverview(ExportJobView Job, IReadOnlyList<ExportRun> Runs, bool MoreRuns, ExportJobSchedule? Schedule, string? ScheduleProblem);
