using ExportJobs.Model;

namespace ExportJobs.Running.Events;

/// <summary>A run's final state is recorded (by this host), and whether a retry follows was decided.</summary>
/// <param name="Run">The final run.</param>
/// <param name="RetryFollows">Whether the scheduler will retry the occurrence.</param>
/// <remarks>When the failure also pauses the job, a <see cref="JobAutoPauseEvent"/> follows it.</remarks>
internal sealed record RunFinishedEvent(ExportRun Run, bool RetryFollows) : ExportRunEvent(Run.JobId);
