using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Keeps jobs, runs and occurrence claims in one LiteDB file. The embedded default: one process per file.
/// </summary>
/// <remarks>
/// <para>
/// Runs carry an indexed sort key <c>jobId|startedAtTicks|runId</c>, so a job's newest runs are an index range read
/// backwards that stops after <c>limit</c> documents, however many runs are stored. Claims use the unique <c>_id</c>
/// <c>jobId|occurrenceTicks</c>, so exactly one insert wins.
/// </para>
/// <para>
/// LiteDB's direct connection is thread-safe inside one process; a second process must not open the same file (use
/// the PostgreSQL provider for several hosts). LiteDB's API is synchronous, so the methods complete synchronously.
/// </para>
/// </remarks>
public sealed partial class LiteDbExportJobStore : ExportJobStore, IDisposable
{
    private const string JobsCollection = "jobs";
    private const string RunsCollection = "runs";
    private const string ClaimsCollection = "claims";
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _jobs;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _claims;

    /// <summary>Opens (or creates) the database.</summary>
    /// <param name="connectionString">A LiteDB connection string, for example <c>Filename=exportjobs.db</c>, or a file path.</param>
    public LiteDbExportJobStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var connection = new ConnectionString(connectionString);
        if (connection.Connection != ConnectionType.Direct)
        {
            throw new ArgumentException("ExportJobs keeps one LiteDB instance per process; use 'Connection=direct' (the default).", nameof(connectionString));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(connection.Filename));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _database = new LiteDatabase(connection);
        _jobs = _database.GetCollection(JobsCollection);
        _runs = _database.GetCollection(RunsCollection);
        _claims = _database.GetCollection(ClaimsCollection);
        _jobs.EnsureIndex("createdAt");
        _runs.EnsureIndex("sortKey", unique: true);
        _runs.EnsureIndex("jobId");
        _runs.EnsureIndex("status");
        _claims.EnsureIndex("jobId");
    }

    /// <inheritdoc/>
    public override Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var doc = _jobs.FindById(jobId);
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToJob(doc));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = _jobs.Query().OrderBy("createdAt").ToEnumerable()
            .Select(LiteDbMapper.ToJob)
            .OrderBy(j => j.CreatedAt)
            .ThenBy(j => j.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ExportJob>>(jobs);
    }

    /// <inheritdoc/>
    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            _jobs.Insert(LiteDbMapper.FromJob(job));
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new InvalidOperationException($"A job with id '{job.Id}' exists already.", ex);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Task.FromResult(_jobs.Update(LiteDbMapper.FromJob(job)));
    }

    /// <inheritdoc/>
    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!_database.BeginTrans())
        {
            return Task.FromResult(DeleteJob(jobId));
        }

        try
        {
            var deleted = DeleteJob(jobId);
            _database.Commit();
            return Task.FromResult(deleted);
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    /// <inheritdoc/>
    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            _runs.Insert(LiteDbMapper.FromRun(run));
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new InvalidOperationException($"A run with id '{run.Id}' exists already.", ex);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Task.FromResult(_runs.Update(LiteDbMapper.FromRun(run)));
    }

    /// <inheritdoc/>
    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var doc = _runs.FindById(runId);
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToRun(doc));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var runs = NewestRuns(jobId).Take(limit).Select(LiteDbMapper.ToRun).ToList();
        return Task.FromResult<IReadOnlyList<ExportRun>>(runs);
    }

    /// <inheritdoc/>
    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        var statusName = status is null ? null : LiteDbMapper.StatusName(status.Value);
        var doc = NewestRuns(jobId).FirstOrDefault(d => statusName is null || d["status"].AsString == statusName);
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToRun(doc));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default)
    {
        var runs = _runs.Find(Query.EQ("status", LiteDbMapper.StatusName(status))).Select(LiteDbMapper.ToRun).ToList();
        return Task.FromResult<IReadOnlyList<ExportRun>>(runs);
    }

    /// <inheritdoc/>
    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var claim = new BsonDocument
        {
            ["_id"] = $"{jobId}|{occurrence.UtcTicks:D19}",
            ["jobId"] = jobId,
            ["occurrence"] = occurrence.UtcTicks,
            ["owner"] = owner,
        };
        try
        {
            _claims.Insert(claim);
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var last = _claims.Query()
            .Where(Query.Between("_id", LowerBound(jobId), UpperBound(jobId)))
            .OrderByDescending("_id")
            .Limit(1)
            .FirstOrDefault();
        DateTimeOffset? result = last is null ? null : new DateTimeOffset(last["occurrence"].AsInt64, TimeSpan.Zero);
        return Task.FromResult(result);
    }

    /// <summary>Closes the database file.</summary>
    public void Dispose() => _database.Dispose();

    private IEnumerable<BsonDocument> NewestRuns(string jobId) =>
        _runs.Query()
            .Where(Query.Between("sortKey", LowerBound(jobId), UpperBound(jobId)))
            .OrderByDescending("sortKey")
            .ToEnumerable();

    // Keys are "jobId|ticks(19 digits)[|runId]". The bounds use digits rather than punctuation because LiteDB compares
    // strings with its culture-aware collation, in which symbols such as '~' sort before digits.
    private static string LowerBound(string jobId) => $"{jobId}|0000000000000000000";

    private static string UpperBound(string jobId) => $"{jobId}|9999999999999999999";

    private bool DeleteJob(string jobId)
    {
        if (!_jobs.Delete(jobId))
        {
            return false;
        }

        _runs.DeleteMany(Query.EQ("jobId", jobId));
        _claims.DeleteMany(Query.EQ("jobId", jobId));
        return true;
    }
}
