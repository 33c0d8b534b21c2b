namespace ExportJobs.Validation;

/// <summary>The values a filename template is rendered with.</summary>
/// <param name="Date">The run's scheduled time (or start time for manual runs) in the job's time zone.</param>
/// <param name="JobId">The job id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Format">The job's format name.</param>
internal sealed record FilenameValues(DateTimeOffset Date, string JobId, string RunId, string Format);
