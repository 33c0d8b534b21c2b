namespace ExportJobs.Retention;

/// <summary>
/// The host's run-history retention and its background pruning: <c>ExportJobs:Retention</c> in configuration,
/// <see cref="ExportJobsOptions.Retention"/> in code.
/// </summary>
/// <remarks>
/// <para>
/// A job's own <c>retention</c> wins field by field; a job without one (every job stored before retention existed)
/// is pruned at these defaults. Set a limit to <see langword="null"/> (in JSON configuration: <c>"MaxRuns": null</c>)
/// for "no limit".
/// </para>
/// <para>
/// Pruning runs in the background every <see cref="Interval"/>, one job after another, in transactions sized so that
/// each holds the store's write lock for about <see cref="BatchTarget"/> (LiteDB has one writer: the scheduler and API
/// requests wait at most that long). With PostgreSQL one host prunes at a time (an advisory lock); the others skip
/// the pass.
/// </para>
/// </remarks>
public sealed class ExportRetentionOptions
{
    /// <summary>The default number of newest runs kept per job: 1,000. <see langword="null"/>: no limit by count.</summary>
    public int? MaxRuns { get; set; } = 1000;

    /// <summary>The default number of days runs are kept: 90. <see langword="null"/>: no limit by age.</summary>
    public int? MaxAgeDays { get; set; } = 90;

    /// <summary>Whether this host prunes at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a pruning pass starts; 1 minute by default, between 1 second and 1 hour.</summary>
    /// <remarks>A job that goes over its limits is pruned within about this long (plus the pass itself).</remarks>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one pruning transaction should hold the store (the lock-hold target); 20 milliseconds by default, between
    /// 1 millisecond and 1 second.
    /// </summary>
    /// <remarks>
    /// The pruner measures every transaction and sizes the next one from it: it starts at <see cref="MinBatchSize"/> rows,
    /// halves the size (or less, to what the measured rate says fits in half the target) after a transaction that took
    /// longer than the target, and grows it by a quarter after a full one that took at most half the target, up to
    /// <see cref="MaxBatchSize"/>. Runs and claims are sized apart (a run costs more to delete than a claim). Pauses of
    /// the garbage collector during a transaction are not held against its size.
    /// </remarks>
    public TimeSpan BatchTarget { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The fewest rows one pruning transaction may delete, and the size of the first; 10 by default, from 1 to 100,000.</summary>
    /// <remarks>When it is larger than <see cref="MaxBatchSize"/>, <see cref="MaxBatchSize"/> is used.</remarks>
    public int MinBatchSize { get; set; } = 10;

    /// <summary>The most rows one pruning transaction deletes; 500 by default, from 1 to 100,000.</summary>
    public int MaxBatchSize { get; set; } = 500;
}
