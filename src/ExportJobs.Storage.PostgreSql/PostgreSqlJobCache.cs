using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>
/// The whole job list as last read, kept with the stamp it was read under, so that listing every job again reads two
/// numbers instead of every row (reading and parsing 10,000 rows was the largest part of a warm <c>GET /export-jobs</c>).
/// </summary>
/// <remarks>
/// <para>
/// The stamp is the job change counter (a statement trigger on the jobs table increments it in the same transaction as
/// every insert, update and delete, by any host) and the number of jobs (which catches a <c>TRUNCATE</c>), read in one
/// snapshot. The stamp is read before the rows, so rows read under a stamp are at least as new as it: a change committed
/// in between moves the counter, and the next list reads the rows again. A list from memory is therefore never older
/// than the last committed change seen by the stamp, exactly like a fresh read.
/// </para>
/// <para>
/// Jobs handed out are copies (<see cref="ExportJob.DeepClone"/>): nothing a caller does changes what is kept. Holds
/// every job in memory once listed; the next list after any change reads them all again.
/// </para>
/// </remarks>
internal sealed class PostgreSqlJobCache
{
    private volatile Snapshot? _snapshot;

    /// <summary>Copies of the jobs read under <paramref name="stamp"/>, or <see langword="null"/> when the kept list is of another one (or none is kept).</summary>
    public IReadOnlyList<ExportJob>? TryList(JobListStamp stamp) =>
        _snapshot is { } snapshot && snapshot.Stamp == stamp ? Copies(snapshot.Jobs) : null;

    /// <summary>Keeps <paramref name="jobs"/>, read after <paramref name="stamp"/> was read, and returns copies of them.</summary>
    public IReadOnlyList<ExportJob> Keep(JobListStamp stamp, IReadOnlyList<ExportJob> jobs)
    {
        _snapshot = new Snapshot(stamp, jobs);
        return Copies(jobs);
    }

    private static List<ExportJob> Copies(IReadOnlyList<ExportJob> jobs)
    {
        var copies = new List<ExportJob>(jobs.Count);
        foreach (var job in jobs)
        {
            copies.Add(job.DeepClone());
        }

        return copies;
    }

    private sealed record Snapshot(JobListStamp Stamp, IReadOnlyList<ExportJob> Jobs);
}

/// <summary>The job change counter and the job count, read together (see <see cref="PostgreSqlJobCache"/>).</summary>
internal readonly record struct JobListStamp(long Changes, long Count);
