namespace ExportJobs.Running.Events;

/// <summary>
/// The engine decided to pause a job: after <see cref="ExportJobsOptions.AutoPauseAfterFailures"/> failed runs in a row,
/// or because its stored schedule is no longer accepted. The auto-pause listener pauses it with <paramref name="Reason"/>.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Reason">Its <c>pausedReason</c>.</param>
internal sealed record JobAutoPauseEvent(string JobId, string Reason) : ExportRunEvent(JobId);
