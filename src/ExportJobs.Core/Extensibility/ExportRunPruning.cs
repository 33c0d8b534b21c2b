namespace ExportJobs.Extensibility;

/// <summary>
/// Which runs of a job a pruning batch may delete: those beyond the newest <see cref="KeepNewest"/>, and those that
/// started before <see cref="StartedBefore"/>; never the job's newest successful run, its newest failed run or a
/// running run.
/// </summary>
/// <param name="KeepNewest">Runs beyond this many newest go; <see langword="null"/>: no limit by count.</param>
/// <param name="StartedBefore">Runs that started before this instant go; <see langword="null"/>: no limit by age.</param>
public sealed record ExportRunPruning(int? KeepNewest, DateTimeOffset? StartedBefore);
