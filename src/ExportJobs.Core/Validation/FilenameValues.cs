namespace ExportJobs.Validation;

/// <summary>The values a filename template is rendered with.</summary>
/// <param name="Date">The run's scheduled time (or start time for manual runs) in the job's time zone.</param>
/// <param name="JobId">The job id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Format">The job's format name.</param>
/// <param name="Part">
/// The 1-based part number for <c>{part}</c>; <see langword="null"/> renders the name without <c>{part}</c> and the
/// separator next to it (the manifest's name).
/// </param>
internal sealed record FilenameValues(DateTimeOffset Date, string JobId, string RunId, string Format, int? Part = null);
