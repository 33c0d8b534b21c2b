using ExportJobs.Model;

namespace ExportJobs.Running.Events;

/// <summary>A run was opened and stored (status <c>running</c>) by this host, or reported through the API.</summary>
/// <param name="Run">The run as opened.</param>
internal sealed record RunStartedEvent(ExportRun Run) : ExportRunEvent(Run.JobId);
