namespace ExportJobs.Running.Events;

/// <summary>The auto-pause listener stored the pause a <see cref="JobAutoPauseEvent"/> asked for.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Reason">Its <c>pausedReason</c>.</param>
internal sealed record JobAutoPausedEvent(string JobId, string Reason) : ExportRunEvent(JobId);
