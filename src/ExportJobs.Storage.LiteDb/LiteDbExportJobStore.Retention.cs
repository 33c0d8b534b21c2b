using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    private const string ClaimOccurrence = "occurrence";

    /// <summary>
    /// The log size (1,000 pages, 8 MB) over which a pruning batch first copies the log into the data file, so that
    /// pruning's own checkpoints are short pauses instead of the one LiteDB would make inside a pruning commit at
    /// <see cref="CheckpointPages"/> (80 MB, with a flush to disk, which held every reader and writer for 50 to 200 ms in
    /// <c>benchmarks/</c>).
    /// </summary>
    private const long PruningCheckpointBytes = 1_000L * 8192;

    // Reads a run's sort key from the index alone (LiteDB loads no document for a query that uses only the indexed field).
    private static readonly BsonExpression SortKeyOnly = BsonExpression.Create($"{{ k: $.{SortKey} }}");

    // No run or claim has this id; deleting it takes the collection's write lock (see PruneRunsAsync).
    private static readonly BsonValue LockProbe = new("\u0001lock");

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The limit is one key in the sort-key index: the greater of the key of the job's <c>KeepNewest</c>-th newest run and
    /// the first key at <c>StartedBefore</c>. The runs to delete are the oldest keys below it, read forwards, so a batch
    /// costs its own size however long the history is.
    /// </para>
    /// <para>
    /// LiteDB has one writer per collection: the batch first takes the runs collection's write lock (so that what it reads
    /// cannot change before it deletes) and holds it until it commits. The caller keeps batches small enough for that
    /// to be a few milliseconds.
    /// </para>
    /// <para>
    /// Pruning writes much of the log (every batch rewrites the index pages it touched), and LiteDB copies the log into the
    /// data file inside whichever commit takes it past its checkpoint size, holding every reader and writer meanwhile. So a
    /// batch that finds the log over 8 MB checkpoints first, before it takes the lock: the log never reaches LiteDB's
    /// size during pruning, and each of pruning's checkpoints is a short pause.
    /// </para>
    /// </remarks>
    public override Task<int> PruneRunsAsync(string jobId, ExportRunPruning pruning, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(pruning);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var bound = PruneBound(jobId, pruning);
        if (bound is null)
        {
            return Task.FromResult(0);
        }

        // Most passes find nothing to do: answer from the oldest key alone, outside any transaction.
        var oldest = RunsOf(jobId).OrderBy(SortKey).Select(SortKeyOnly).Limit(1).FirstOrDefault();
        if (oldest is null || string.CompareOrdinal(oldest["k"].AsString, bound) >= 0)
        {
            return Task.FromResult(0);
        }

        CheckpointIfLogOver(PruningCheckpointBytes);
        var deleted = InTransaction(() =>
        {
            _runs.Delete(LockProbe);
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var status in (ExportRunStatus[])[ExportRunStatus.Success, ExportRunStatus.Failed])
            {
                if (RunsOf(jobId).Where(LiteDbQueries.Equal("status", LiteDbMapper.StatusName(status))).OrderByDescending(SortKey).Limit(1).FirstOrDefault() is { } newest)
                {
                    keep.Add(newest["_id"].AsString);
                }
            }

            var due = RunsBefore(jobId, bound)
                .Where(Query.Not("status", LiteDbMapper.StatusName(ExportRunStatus.Running)))
                .OrderBy(SortKey)
                .Limit(maxCount + keep.Count)
                .ToEnumerable()
                .Select(doc => doc["_id"])
                .Where(id => !keep.Contains(id.AsString))
                .Take(maxCount)
                .ToList();
            foreach (var id in due)
            {
                _runs.Delete(id);
            }

            return due.Count;
        });
        if (deleted > 0)
        {
            _latestRuns.Invalidate(jobId); // the newest run is always kept, but what is remembered must never outlive a change
        }

        return Task.FromResult(deleted);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the claims' <c>occurrence</c> index forwards from the oldest, skipping each job's latest claim (found by its
    /// key range, once per job), and deletes the rest in one transaction. A claim that is not its job's latest stays so
    /// until it is deleted (claims are only ever added), so reading before the transaction is safe.
    /// </remarks>
    public override Task<int> PruneClaimsAsync(DateTimeOffset occurredBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var latest = new Dictionary<string, string?>(StringComparer.Ordinal);
        var due = _claims.Query()
            .Where(LiteDbQueries.LessThan(ClaimOccurrence, occurredBefore.UtcTicks))
            .OrderBy(ClaimOccurrence)
            .ToEnumerable()
            .Where(claim => !IsLatestClaim(claim, latest))
            .Select(claim => claim["_id"])
            .Take(maxCount)
            .ToList();
        if (due.Count == 0)
        {
            return Task.FromResult(0);
        }

        CheckpointIfLogOver(PruningCheckpointBytes);
        return Task.FromResult(InTransaction(() =>
        {
            foreach (var id in due)
            {
                _claims.Delete(id);
            }

            return due.Count;
        }));
    }

    /// <summary>Copies the write-ahead log into the data file when it is larger than <paramref name="bytes"/>.</summary>
    private void CheckpointIfLogOver(long bytes)
    {
        if (_logFile is null)
        {
            return;
        }

        _logFile.Refresh();
        if (_logFile.Exists && _logFile.Length > bytes)
        {
            _database.Checkpoint();
        }
    }

    /// <summary>The exclusive upper sort key of the runs <paramref name="pruning"/> lets go, or <see langword="null"/> when it lets none go.</summary>
    private string? PruneBound(string jobId, ExportRunPruning pruning)
    {
        string? bound = null;
        if (pruning.KeepNewest is { } keepNewest)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(keepNewest, 1, "pruning.KeepNewest");
            bound = RunsOf(jobId).OrderByDescending(SortKey).Select(SortKeyOnly).Offset(keepNewest - 1).Limit(1).FirstOrDefault()?["k"].AsString;
        }

        if (pruning.StartedBefore is { } startedBefore)
        {
            var byAge = LiteDbKeys.RunsStartedFrom(jobId, startedBefore);
            if (bound is null || string.CompareOrdinal(byAge, bound) > 0)
            {
                bound = byAge;
            }
        }

        return bound;
    }

    private bool IsLatestClaim(BsonDocument claim, Dictionary<string, string?> latest)
    {
        var jobId = claim["jobId"].AsString;
        if (!latest.TryGetValue(jobId, out var latestId))
        {
            latestId = _claims.Query()
                .Where(LiteDbQueries.Between("_id", LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)))
                .OrderByDescending("_id")
                .Limit(1)
                .FirstOrDefault()?["_id"].AsString;
            latest[jobId] = latestId;
        }

        return string.Equals(latestId, claim["_id"].AsString, StringComparison.Ordinal);
    }
}
