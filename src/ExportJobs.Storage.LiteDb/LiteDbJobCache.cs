using ExportJobs.Model;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Every job as read from the file, kept after the first full read so that listing every job does not read and map
/// every document again (that was the largest part of a warm <c>GET /export-jobs</c> of 10,000 jobs).
/// </summary>
/// <remarks>
/// Sound because the file belongs to this process (see <see cref="LiteDbFileLock"/>): every job write passes through this
/// store, which calls <see cref="Apply"/> with the job as stored (mapped back from the document it wrote) or with
/// <see langword="null"/> after a delete, once the write is done. A full read that raced with a write is kept only if no
/// write came in between (a generation counter). Jobs handed out are copies (<see cref="ExportJob.DeepClone"/>), so nothing a caller does changes what is kept. Holds every job in memory once listed.
/// </remarks>
internal sealed class LiteDbJobCache
{
    private readonly Lock _lock = new();
    private Dictionary<string, ExportJob>? _jobs;
    private long _generation;

    /// <summary>Every job, oldest first (by creation instant, then id), from memory or, the first time, from <paramref name="readAll"/>.</summary>
    public List<ExportJob> List(Func<List<ExportJob>> readAll)
    {
        long generation;
        lock (_lock)
        {
            if (_jobs is not null)
            {
                return Sorted(_jobs.Values);
            }

            generation = _generation;
        }

        var read = readAll();
        lock (_lock)
        {
            if (_jobs is null && _generation == generation)
            {
                _jobs = read.ToDictionary(j => j.Id, StringComparer.Ordinal);
            }
        }

        return Sorted(read);
    }

    /// <summary>Records a committed write of one job: its stored state, or <see langword="null"/> when it was deleted.</summary>
    public void Apply(string jobId, ExportJob? stored)
    {
        lock (_lock)
        {
            _generation++;
            if (_jobs is null)
            {
                return;
            }

            if (stored is null)
            {
                _jobs.Remove(jobId);
            }
            else
            {
                _jobs[jobId] = stored;
            }
        }
    }

    private static List<ExportJob> Sorted(IEnumerable<ExportJob> jobs) =>
        jobs.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => j.DeepClone())
            .ToList();
}
