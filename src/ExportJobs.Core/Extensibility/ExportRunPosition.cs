namespace ExportJobs.Extensibility;

/// <summary>A position in a job's run history, which is ordered by start instant, then run id (ordinal).</summary>
/// <param name="StartedAt">The start instant of the position.</param>
/// <param name="RunId">The run id at that instant; runs that started at the same instant order by id.</param>
/// <remarks>
/// A paging cursor: <c>before={runId}</c> stands for the position of that run, also after the run was pruned (its
/// time-ordered id carries the instant). A position need not be a stored run.
/// </remarks>
public sealed record ExportRunPosition(DateTimeOffset StartedAt, string RunId);
