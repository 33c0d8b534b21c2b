namespace ExportJobs.Model;

/// <summary>How much of a job's run history is kept: <c>retention: { maxRuns, maxAgeDays }</c>.</summary>
/// <remarks>
/// Each limit is optional: <see langword="null"/> takes the host's default from <c>ExportJobs:Retention</c>
/// (<see cref="Retention.ExportRetentionOptions"/>), whose own default keeps 1,000 runs and 90 days. A run goes when
/// either limit says so. Whatever the limits, the newest successful run, the newest failed run and every running run of a
/// job are kept.
/// </remarks>
public sealed record ExportRetention
{
    /// <summary>Keep at most this many runs (the newest ones); at least 1. <see langword="null"/>: the host's default.</summary>
    public int? MaxRuns { get; init; }

    /// <summary>Keep runs that started at most this many days ago; at least 1. <see langword="null"/>: the host's default.</summary>
    public int? MaxAgeDays { get; init; }
}
