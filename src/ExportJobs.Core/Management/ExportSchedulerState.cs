namespace ExportJobs.Management;

/// <summary>The hosted scheduler's state, for health checks and dashboards.</summary>
/// <param name="Enabled">Whether <see cref="ExportJobsOptions.SchedulerEnabled"/> is set on this host.</param>
/// <param name="IsRunning">Whether its loop runs now. It may sleep for hours until the next occurrence: running is not "did something recently".</param>
/// <param name="StartedAt">When the loop last started; <see langword="null"/> when it never started (no scheduler, or disabled).</param>
/// <param name="StopReason">Why the loop stopped ("stopped" on shutdown, the error type and message after a crash), or <see langword="null"/>.</param>
public sealed record ExportSchedulerState(bool Enabled, bool IsRunning, DateTimeOffset? StartedAt, string? StopReason);
