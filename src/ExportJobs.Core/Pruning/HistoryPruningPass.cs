namespace ExportJobs.Pruning;

/// <summary>What one pruning pass did; logged, and read by tests and benchmarks.</summary>
/// <param name="Skipped">Whether another host held the pruning lock, so this pass did nothing.</param>
/// <param name="RunsDeleted">Runs deleted.</param>
/// <param name="ClaimsDeleted">Occurrence claims deleted.</param>
/// <param name="Batches">Store transactions that deleted something.</param>
/// <param name="LongestBatch">The longest of those transactions.</param>
internal sealed record HistoryPruningPass(bool Skipped, long RunsDeleted, long ClaimsDeleted, int Batches, TimeSpan LongestBatch)
{
    public static HistoryPruningPass NotRun { get; } = new(true, 0, 0, 0, TimeSpan.Zero);
}
