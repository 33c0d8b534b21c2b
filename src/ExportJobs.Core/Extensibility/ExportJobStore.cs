using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>
/// Where jobs, runs and occurrence claims are kept. Implement it to add a storage provider.
/// </summary>
/// <remarks>
/// <para>
/// This is an abstract class rather than an interface so that members added later come with a default
/// implementation and existing providers keep compiling (the pattern of Hangfire's <c>JobStorage</c>).
/// </para>
/// <para>
/// Implementations are registered as singletons and must be safe for concurrent use. Every provider's tests
/// inherit the storage conformance suite (<c>ExportJobStoreConformanceTests</c> in the repository's tests), which is
/// the executable form of this contract.
/// </para>
/// <para>
/// What every provider keeps: ids are compared exactly (ordinal, case-sensitive, any characters); every field of a job
/// and a run round-trips, <see cref="ExportJobDefinition.DestinationConfig"/> as the same compact JSON text (key order
/// and number spelling included); instants are compared and ordered as instants, to at least microsecond precision,
/// and need not keep their offset.
/// </para>
/// </remarks>
public abstract partial class ExportJobStore
{
    /// <summary>
    /// Prepares the store when the host starts: creates or migrates its schema, checks its connection. A failure stops
    /// the start, so a wrong connection string is found at once rather than at the first request.
    /// </summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <remarks>
    /// Called once by <c>AddExportJobs()</c>'s hosted services, before the scheduler starts. The default does nothing;
    /// decorators (secret protection) pass it on to the store they wrap.
    /// </remarks>
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the job with this id, or <see langword="null"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Whether a job with this id exists.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default reads the whole job; providers can answer from the key alone (it is on the hot path of recording and listing runs).</remarks>
    public virtual async Task<bool> JobExistsAsync(string jobId, CancellationToken cancellationToken = default) =>
        await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Returns every job, oldest first (by <see cref="ExportJob.CreatedAt"/>, then id).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// Changing a returned job (its <see cref="ExportJobDefinition.DestinationConfig"/>) must never change what the store
    /// returns later, as for <see cref="GetJobAsync"/> and pages: a store that keeps jobs in memory hands out copies
    /// (<see cref="ExportJob.DeepClone"/>); the store conformance tests check it. A store that guarantees it says so with
    /// <see cref="ReturnsCopies"/>, and the library then masks listed jobs in place.
    /// </remarks>
    public abstract Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether every job this store returns (listed, paged or by id) is the caller's own copy, so that changing it never
    /// changes what the store returns later (the conformance tests check it). With <see langword="true"/> the library masks
    /// a listed job's secrets in its settings in place; otherwise (the default) it copies the settings first, so a store
    /// that hands out the jobs it keeps is never changed by a list.
    /// </summary>
    public virtual bool ReturnsCopies => false;

    /// <summary>
    /// Every job as <see cref="ListJobsAsync(CancellationToken)"/> returns them, except that a decorating store may leave
    /// secret settings as stored (sealed): for readers that use none of a job's settings (the history pruner reads ids and
    /// retention). The secret-protecting decorator overrides it so that such a reader decrypts nothing.
    /// </summary>
    internal virtual Task<IReadOnlyList<ExportJob>> ListJobsWithSealedSecretsAsync(CancellationToken cancellationToken) =>
        ListJobsAsync(cancellationToken);

    /// <summary>Stores a new job.</summary>
    /// <param name="job">The job; its id must not exist yet.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">A job with the same id exists.</exception>
    public abstract Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored job unconditionally, with the version it carries.</summary>
    /// <param name="job">The new state of the job.</param>
    /// <remarks>The library itself changes jobs with <see cref="TryUpdateJobAsync"/>; this is its non-atomic default's last step.</remarks>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no job has that id.</returns>
    public abstract Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a stored job if, and only if, its stored <see cref="ExportJob.Version"/> is <paramref name="expectedVersion"/>
    /// (compare-and-swap). <paramref name="job"/> carries the new version, <paramref name="expectedVersion"/> + 1.
    /// </summary>
    /// <param name="job">The new state of the job, with <see cref="ExportJob.Version"/> = <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="expectedVersion">The version the change was made from.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was written, the job is missing, or it has another version (nothing written).</returns>
    /// <remarks>
    /// Every change the library makes to a job goes through this: an update, a pause or resume (by a user or by the
    /// scheduler's auto-pause) reads the job, changes its own fields and writes it back only if nobody wrote in between,
    /// else reads again. That is what keeps a concurrent pause from writing back a stale copy over an acknowledged
    /// update. The default reads, compares and replaces in three steps, which is only safe when nothing else writes the
    /// job meanwhile: providers override it with one atomic step (a conditional <c>UPDATE … WHERE version = …</c>, or
    /// a lock held across the read and the write). A job stored without a version (by a release before versions) has
    /// version 1.
    /// </remarks>
    public virtual async Task<ExportJobWriteOutcome> TryUpdateJobAsync(ExportJob job, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var stored = await GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ExportJobWriteOutcome.NotFound;
        }

        if (stored.Version != expectedVersion)
        {
            return ExportJobWriteOutcome.VersionMismatch;
        }

        return await UpdateJobAsync(job, cancellationToken).ConfigureAwait(false) ? ExportJobWriteOutcome.Written : ExportJobWriteOutcome.NotFound;
    }

    /// <summary>
    /// Deletes a job with all its runs and occurrence claims if, and only if, its stored version is
    /// <paramref name="expectedVersion"/>.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="expectedVersion">The version the client last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default reads, compares and deletes in steps; providers override it with one atomic step, as <see cref="TryUpdateJobAsync"/>.</remarks>
    public virtual async Task<ExportJobWriteOutcome> TryDeleteJobAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var stored = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ExportJobWriteOutcome.NotFound;
        }

        if (stored.Version != expectedVersion)
        {
            return ExportJobWriteOutcome.VersionMismatch;
        }

        return await DeleteJobAsync(jobId, cancellationToken).ConfigureAwait(false) ? ExportJobWriteOutcome.Written : ExportJobWriteOutcome.NotFound;
    }

    /// <summary>Deletes a job with all its runs and occurrence claims.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no job has that id.</returns>
    public abstract Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Appends a run to its job's history.</summary>
    /// <param name="run">The run; its id must not exist yet.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">A run with the same id exists.</exception>
    public abstract Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored run (for example <c>running</c> to <c>success</c>).</summary>
    /// <param name="run">The new state of the run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no run has that id.</returns>
    public abstract Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default);

    /// <summary>Returns the run with this id, or <see langword="null"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Returns a job's runs, most recent first (by <see cref="ExportRun.StartedAt"/>, then id, both descending).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="limit">At most this many runs; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Returns a job's most recent run, optionally only among runs with the given status.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="status">Only runs with this status, when set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the most recent run of each of the given jobs that has one.</summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default asks <see cref="GetLatestRunAsync"/> once per job; providers can do it in one query.</remarks>
    public virtual async Task<IReadOnlyDictionary<string, ExportRun>> GetLatestRunsAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var result = new Dictionary<string, ExportRun>(jobIds.Count, StringComparer.Ordinal);
        foreach (var jobId in jobIds)
        {
            var run = await GetLatestRunAsync(jobId, null, cancellationToken).ConfigureAwait(false);
            if (run is not null)
            {
                result[jobId] = run;
            }
        }

        return result;
    }

    /// <summary>
    /// Returns what the job list shows of the most recent run of each of the given jobs that has one: its id, status and
    /// start (<see cref="ExportRunSummary"/>), the run <see cref="GetLatestRunsAsync"/> returns.
    /// </summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// Behind <c>GET /export-jobs</c> (every job's <c>lastRun</c>) and the history pruner's pass. The default summarizes
    /// <see cref="GetLatestRunsAsync"/>; a provider that reads rows can read just these three columns instead.
    /// </remarks>
    public virtual async Task<IReadOnlyDictionary<string, ExportRunSummary>> GetLatestRunSummariesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var runs = await GetLatestRunsAsync(jobIds, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, ExportRunSummary>(runs.Count, StringComparer.Ordinal);
        foreach (var (jobId, run) in runs)
        {
            result[jobId] = ExportRunSummary.From(run);
        }

        return result;
    }

    /// <summary>Returns every run, of any job, whose status is <paramref name="status"/>.</summary>
    /// <param name="status">The status; <see cref="ExportRunStatus.Running"/> finds runs a crashed host left behind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims occurrence <paramref name="occurrence"/> of job <paramref name="jobId"/>. Exactly one caller
    /// gets <see langword="true"/> for the same job and occurrence, however many hosts or threads ask.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="occurrence">The cron occurrence (compared as an instant, whatever its offset).</param>
    /// <param name="owner">Who claims it (a host id), kept for diagnostics.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims several occurrences at once, each atomically as <see cref="TryClaimOccurrenceAsync"/> does. Returns, in the
    /// order given, whether this caller won each one.
    /// </summary>
    /// <param name="occurrences">The occurrences to claim; a job may appear more than once with different occurrences.</param>
    /// <param name="owner">Who claims them (a host id), kept for diagnostics.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// The scheduler claims every occurrence that falls due together (often hundreds at a minute boundary) in one call,
    /// shortly before they are due. The default calls <see cref="TryClaimOccurrenceAsync"/> once per occurrence; a
    /// provider should override it to claim them in one transaction or statement, since its cost per round trip or
    /// commit is what makes the last of many simultaneous runs start late.
    /// </remarks>
    public virtual async Task<IReadOnlyList<bool>> TryClaimOccurrencesAsync(IReadOnlyList<ExportOccurrence> occurrences, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        var won = new bool[occurrences.Count];
        for (var i = 0; i < won.Length; i++)
        {
            won[i] = await TryClaimOccurrenceAsync(occurrences[i].JobId, occurrences[i].Occurrence, owner, cancellationToken).ConfigureAwait(false);
        }

        return won;
    }

    /// <summary>Returns the latest occurrence of a job that was claimed, or <see langword="null"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Returns the latest claimed occurrence of each of the given jobs that has one.</summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// The scheduler asks this once at start-up for every active job, to find misfires. The default asks
    /// <see cref="GetLastClaimedOccurrenceAsync"/> once per job; providers with a round trip per call do it in one query.
    /// </remarks>
    public virtual async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastClaimedOccurrencesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var result = new Dictionary<string, DateTimeOffset>(jobIds.Count, StringComparer.Ordinal);
        foreach (var jobId in jobIds)
        {
            if (await GetLastClaimedOccurrenceAsync(jobId, cancellationToken).ConfigureAwait(false) is { } last)
            {
                result[jobId] = last;
            }
        }

        return result;
    }

    /// <summary>
    /// Whether runs carry a lease that their host renews (<see cref="RenewRunLeasesAsync"/>), so that a run whose host
    /// died is found by <see cref="FailExpiredRunsAsync"/> instead of at the next start-up.
    /// </summary>
    /// <remarks>
    /// <see langword="false"/> by default: a single-process store (LiteDB) needs no lease, since the only host that can
    /// have left a run <c>running</c> is the one starting up, which then marks all of them failed. A store shared by several
    /// hosts returns <see langword="true"/>, and start-up no longer fails the runs other hosts are doing.
    /// </remarks>
    public virtual bool SupportsRunLeases => false;

    /// <summary>Records that <paramref name="owner"/> still runs these runs (a heartbeat): their lease starts again at <paramref name="now"/>.</summary>
    /// <param name="runIds">The ids of the runs the host is doing; runs no longer <c>running</c> are left alone.</param>
    /// <param name="owner">The host id.</param>
    /// <param name="now">The heartbeat's time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default does nothing (see <see cref="SupportsRunLeases"/>).</remarks>
    public virtual Task RenewRunLeasesAsync(IReadOnlyCollection<string> runIds, string owner, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>
    /// Atomically marks failed every <c>running</c> run whose last heartbeat (or start, before the first one) is older than
    /// <paramref name="expiredBefore"/>, and returns the runs it changed. Of several hosts asking at once, each run is
    /// returned to one. Runs with <see cref="ExportRunTrigger.External"/> (reported through the API) have no lease and are
    /// never failed here: their reporter completes them.
    /// </summary>
    /// <param name="expiredBefore">Runs last renewed before this instant have lost their lease.</param>
    /// <param name="now">The completion time recorded (never before the run's start).</param>
    /// <param name="reason">The error recorded.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// The default finds nothing (see <see cref="SupportsRunLeases"/>). A provider raises each failed run's
    /// <see cref="ExportRun.Epoch"/> and clears its <see cref="ExportRun.Progress"/>, so that the host that lost the run can
    /// neither renew it nor record it (<see cref="CompleteRunAsync(ExportRun, CancellationToken)"/>).
    /// </remarks>
    public virtual Task<IReadOnlyList<ExportRun>> FailExpiredRunsAsync(DateTimeOffset expiredBefore, DateTimeOffset now, string reason, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExportRun>>([]);

    /// <summary>
    /// Reports jobs created, changed or deleted by other hosts until <paramref name="cancellationToken"/> is cancelled,
    /// calling <paramref name="onChanged"/> with each job id (changes made through this host may be reported too).
    /// </summary>
    /// <param name="onChanged">Called with the id of each changed job; must be fast and never throw.</param>
    /// <param name="time">The clock for any polling delay.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <remarks>The default completes at once: in a single-process store every change comes through this host.</remarks>
    public virtual Task WatchJobChangesAsync(Action<string> onChanged, TimeProvider time, CancellationToken cancellationToken) => Task.CompletedTask;
}
