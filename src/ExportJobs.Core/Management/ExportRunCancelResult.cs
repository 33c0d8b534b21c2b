using ExportJobs.Model;

namespace ExportJobs.Management;

/// <summary>The answer to a cancel request.</summary>
/// <param name="Outcome">What became of it.</param>
/// <param name="Run">The run as it is now (still <c>running</c> when accepted), or <see langword="null"/> when not found.</param>
public sealed record ExportRunCancelResult(ExportRunCancelOutcome Outcome, ExportRun? Run);
