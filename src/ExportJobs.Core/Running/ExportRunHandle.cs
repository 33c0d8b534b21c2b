using ExportJobs.Model;

namespace ExportJobs.Running;

/// <summary>A run that was started in the background.</summary>
/// <param name="Run">The run as opened (status <c>running</c>).</param>
/// <param name="Completion">Completes with the run's final state (success or failed); never faults.</param>
internal sealed record ExportRunHandle(ExportRun Run, Task<ExportRun> Completion);
