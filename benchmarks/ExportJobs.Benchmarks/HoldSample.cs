using ExportJobs.Pruning;

namespace ExportJobs.Benchmarks;

/// <summary>One pruning transaction of the retention benchmark, with the LiteDB log's size before and after it.</summary>
/// <param name="Day">The simulated day.</param>
/// <param name="Batch">What the pruner measured.</param>
/// <param name="LogBefore">LiteDB's log file bytes before it (0 for PostgreSQL).</param>
/// <param name="LogAfter">LiteDB's log file bytes after it; less than before when the commit ran a checkpoint.</param>
internal sealed record HoldSample(int Day, PruningBatch Batch, long LogBefore, long LogAfter);
