using ExportJobs.Model;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Remembers each job's most recent run once it has been read, so that listing every job does not query the runs of
/// every job again: the job list shows each job's last run, and one index query per job was most of the time of a warm
/// <c>GET /export-jobs</c>.
/// </summary>
/// <remarks>
/// Sound because the file belongs to this process (see <see cref="LiteDbFileLock"/>): every write of a run passes through
/// this store, which calls <see cref="Invalidate"/> for the run's job after the write committed and before the writer
/// is answered. A read that raced with a write could otherwise keep the state from before it; so each job has a
/// generation, raised by every invalidation, and a value read from the file is kept only if its job's generation did not
/// move while it was read. Holds one small run per job that has been listed.
/// </remarks>
internal sealed class LiteDbLatestRuns
{
    /// <summary>From how many jobs to look up the lookups run in parallel.</summary>
    private const int ParallelReadsFrom = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _epoch;

    private long _lookups;

    // What the store knew when it was last closed (LiteDbLatestRunsFile), read at the first list: null once applied.
    private LiteDB.BsonArray? _saved;

    /// <summary>
    /// The most recent run of each of <paramref name="jobIds"/> that has one: remembered ones as remembered, the others
    /// read with <paramref name="read"/> (and remembered unless a write to the job came in between).
    /// </summary>
    public Dictionary<string, ExportRun> Get(IReadOnlyCollection<string> jobIds, Func<string, ExportRun?> read)
    {
        ApplySaved();
        var result = new Dictionary<string, ExportRun>(jobIds.Count, StringComparer.Ordinal);
        List<(string JobId, long Generation)>? missing = null;
        long epoch;
        lock (_lock)
        {
            epoch = _epoch;
            foreach (var jobId in jobIds)
            {
                if (_slots.TryGetValue(jobId, out var slot) && slot.Known)
                {
                    if (slot.Run is not null)
                    {
                        result[jobId] = slot.Run;
                    }
                }
                else
                {
                    (missing ??= []).Add((jobId, slot?.Generation ?? 0));
                }
            }
        }

        if (missing is null)
        {
            return result;
        }

        Interlocked.Add(ref _lookups, missing.Count);
        var runs = new ExportRun?[missing.Count];
        if (missing.Count >= ParallelReadsFrom && Environment.ProcessorCount > 1)
        {
            // The first list after start-up reads every job's last run: one index query each, spread over the cores
            // (LiteDB serves concurrent reads; two cores nearly halve the time of 10,000 lookups).
            Parallel.For(0, missing.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => runs[i] = read(missing[i].JobId));
        }
        else
        {
            for (var i = 0; i < missing.Count; i++)
            {
                runs[i] = read(missing[i].JobId);
            }
        }

        var fetched = new List<(string JobId, long Generation, ExportRun? Run)>(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var (jobId, generation) = missing[i];
            fetched.Add((jobId, generation, runs[i]));
            if (runs[i] is { } run)
            {
                result[jobId] = run;
            }
        }

        lock (_lock)
        {
            if (_epoch != epoch)
            {
                return result;
            }

            foreach (var (jobId, generation, run) in fetched)
            {
                if (!_slots.TryGetValue(jobId, out var slot))
                {
                    if (generation != 0)
                    {
                        continue;
                    }

                    slot = new Slot();
                    _slots[jobId] = slot;
                }

                if (slot.Generation == generation)
                {
                    slot.Known = true;
                    slot.Run = run;
                }
            }
        }

        return result;
    }

    /// <summary>How many last runs were looked up in the file so far (for tests).</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>
    /// Takes what the store knew of each job's last run when the file was last closed (<see cref="LiteDbLatestRunsFile"/>,
    /// checked to be current), to be remembered at the first list. Called once, before any write.
    /// </summary>
    public void Preload(LiteDB.BsonArray saved)
    {
        lock (_lock)
        {
            _saved = saved;
        }
    }

    /// <summary>Every job whose last run is known, with that run (or none), for <see cref="LiteDbLatestRunsFile.Save"/>.</summary>
    public List<KeyValuePair<string, ExportRun?>> Known()
    {
        ApplySaved();
        lock (_lock)
        {
            return _slots.Where(s => s.Value.Known).Select(s => new KeyValuePair<string, ExportRun?>(s.Key, s.Value.Run)).ToList();
        }
    }

    /// <summary>Forgets what is known of <paramref name="jobId"/>'s last run; called after every committed change to its runs.</summary>
    public void Invalidate(string jobId)
    {
        lock (_lock)
        {
            if (!_slots.TryGetValue(jobId, out var slot))
            {
                slot = new Slot();
                _slots[jobId] = slot;
            }

            slot.Generation++;
            slot.Known = false;
            slot.Run = null;
        }
    }

    /// <summary>Forgets everything (after bulk changes).</summary>
    public void InvalidateAll()
    {
        lock (_lock)
        {
            _epoch++;
            foreach (var slot in _slots.Values)
            {
                slot.Generation++;
                slot.Known = false;
                slot.Run = null;
            }
        }
    }

    /// <summary>
    /// Remembers the preloaded runs, except those of jobs whose runs changed since the store opened (their generation
    /// moved), and none after <see cref="InvalidateAll"/>.
    /// </summary>
    private void ApplySaved()
    {
        LiteDB.BsonArray? saved;
        lock (_lock)
        {
            saved = _saved;
            _saved = null;
        }

        if (saved is null)
        {
            return;
        }

        List<KeyValuePair<string, ExportRun?>> entries;
        try
        {
            entries = LiteDbLatestRunsFile.Read(saved);
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or InvalidCastException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return; // a damaged file: the runs are looked up
        }

        lock (_lock)
        {
            if (_epoch != 0)
            {
                return;
            }

            foreach (var (jobId, run) in entries)
            {
                if (!_slots.ContainsKey(jobId))
                {
                    _slots[jobId] = new Slot { Known = true, Run = run };
                }
            }
        }
    }

    private sealed class Slot
    {
        public long Generation { get; set; }

        public bool Known { get; set; }

        public ExportRun? Run { get; set; }
    }
}
