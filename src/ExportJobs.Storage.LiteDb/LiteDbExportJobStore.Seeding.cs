using ExportJobs.Model;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    /// <summary>
    /// Inserts many runs in large transactions, for benchmarks that need a million runs stored in seconds rather than
    /// minutes. Not part of the store contract; each batch is all or nothing, and the log is checkpointed after each.
    /// </summary>
    /// <param name="runs">The runs; ids must be new.</param>
    /// <param name="batchSize">Runs per transaction.</param>
    /// <returns>The number of runs inserted.</returns>
    internal int InsertRunsBulk(IEnumerable<ExportRun> runs, int batchSize = 20_000)
    {
        var inserted = 0;
        foreach (var chunk in runs.Chunk(batchSize))
        {
            var docs = chunk.Select(LiteDbMapper.FromRun).ToList();
            inserted += _runs.InsertBulk(docs, batchSize);
            _running.InsertBulk(docs.Where(LiteDbMapper.IsRunning).Select(LiteDbMapper.RunningEntry));
            _database.Checkpoint();
        }

        _latestRuns.InvalidateAll();
        return inserted;
    }
}
