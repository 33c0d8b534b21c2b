namespace ExportJobs.Pruning;

/// <summary>One pruning transaction as the pruner measured it; told to <see cref="ExportHistoryPruner.BatchObserver"/>.</summary>
/// <param name="Runs">Whether it deleted runs (else occurrence claims).</param>
/// <param name="Size">The most rows it was allowed to delete.</param>
/// <param name="Deleted">The rows it deleted.</param>
/// <param name="Held">How long the store call took: the transaction's hold on the store, and the few index reads before it.</param>
/// <param name="GcPause">How much of <paramref name="Held"/> the garbage collector paused the process.</param>
internal sealed record PruningBatch(bool Runs, int Size, int Deleted, TimeSpan Held, TimeSpan GcPause);
