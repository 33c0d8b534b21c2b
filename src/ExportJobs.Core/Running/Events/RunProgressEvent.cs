using ExportJobs.Model;

namespace ExportJobs.Running.Events;

/// <summary>A running run got further (throttled by <see cref="ExportRunEvents.ReportProgress"/>).</summary>
/// <param name="Run">The run as opened.</param>
/// <param name="Progress">How far it got.</param>
internal sealed record RunProgressEvent(ExportRun Run, ExportRunProgress Progress) : ExportRunEvent(Run.JobId);
