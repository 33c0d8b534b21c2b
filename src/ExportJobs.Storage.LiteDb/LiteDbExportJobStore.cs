using System.Globalization;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Keeps jobs, runs and occurrence claims in one LiteDB file. The embedded default: one process per file.
/// </summary>
/// <remarks>
/// <para>
/// Runs carry an indexed sort key <c>job|startedAtTicks|runId</c> (see <see cref="LiteDbKeys"/>), so a job's newest
/// runs are an index range read backwards that stops after <c>limit</c> documents, however many runs are stored. Runs
/// have no other index besides <c>_id</c>: every index costs each recorded run a random-position insert (pages read,
/// copied and logged), so runs still running are listed in a small <c>running</c> collection instead of an index on
/// status. Claims use the unique <c>_id</c> <c>job|occurrenceTicks</c>, so exactly one insert wins.
/// </para>
/// <para>
/// The file is opened with an ordinal collation: ids are case-sensitive and the keys sort by code unit. LiteDB's
/// default (the current culture, ignoring case) would treat the jobs <c>abc</c> and <c>ABC</c> as one. A file created
/// with another collation is rebuilt once with the ordinal one.
/// </para>
/// <para>
/// The write-ahead log is copied into the data file every 10,000 pages (80 MB) instead of LiteDB's 1,000: recording
/// runs touches the same index pages again and again, and a larger log copies each of them once per checkpoint rather
/// than ten times (measured in <c>benchmarks/</c>).
/// </para>
/// <para>
/// LiteDB's direct connection is thread-safe inside one process; a second process must not open the same file (use
/// a multi-host provider such as PostgreSQL for several hosts). The constructor takes an operating-system lock on a
/// sidecar <c>&lt;file&gt;.lock</c> first (<see cref="LiteDbFileLock"/>), waiting up to
/// <see cref="LiteDbStoreOptions.LockTimeout"/> for another process to close the file, and fails with a message naming
/// that process after it. LiteDB's API is synchronous, so the methods complete synchronously.
/// </para>
/// </remarks>
public sealed partial class LiteDbExportJobStore : ExportJobStore, IDisposable
{
    private const string JobsCollection = "jobs";
    private const string RunsCollection = "runs";
    private const string ClaimsCollection = "claims";
    private const string RunningCollection = "running";
    private const string OutboxCollection = "outbox";
    private const int CheckpointPages = 10_000;
    private static readonly string[] UnusedIndexes = ["jobId", "status", "statusKey"];
    private static readonly Collation OrdinalCollation = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _jobs;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _claims;
    private readonly ILiteCollection<BsonDocument> _running;
    private readonly ILiteCollection<BsonDocument> _outbox;
    private readonly LiteDbRunWriter _runWriter;
    private readonly LiteDbLatestRuns _latestRuns = new();
    private readonly LiteDbJobCache _jobCache = new();
    private readonly LiteDbFileLock? _fileLock;
    private readonly Lock _jobWrites = new();

    /// <summary>The write-ahead log file (LiteDB's <c>name-log.ext</c> next to the data file); <see langword="null"/> in memory.</summary>
    private readonly FileInfo? _logFile;

    /// <summary>The data file's full path; <see langword="null"/> in memory.</summary>
    private readonly string? _dataFile;

    private int _disposed;

    /// <summary>Opens (or creates) the database with the default <see cref="LiteDbStoreOptions"/>.</summary>
    /// <param name="connectionString">A LiteDB connection string, for example <c>Filename=exportjobs.db</c>, or a file path.</param>
    /// <exception cref="ArgumentException">The connection string asks for a shared connection.</exception>
    /// <exception cref="IOException">Another process keeps the file open for longer than <see cref="LiteDbStoreOptions.LockTimeout"/>.</exception>
    public LiteDbExportJobStore(string connectionString)
        : this(connectionString, new LiteDbStoreOptions(), TimeProvider.System)
    {
    }

    /// <summary>Opens (or creates) the database.</summary>
    /// <param name="connectionString">A LiteDB connection string, for example <c>Filename=exportjobs.db</c>, or a file path.</param>
    /// <param name="options">The store's settings.</param>
    /// <param name="time">The clock that measures the wait for the file's lock.</param>
    /// <exception cref="ArgumentException">The connection string asks for a shared connection.</exception>
    /// <exception cref="IOException">Another process keeps the file open for longer than <see cref="LiteDbStoreOptions.LockTimeout"/>.</exception>
    public LiteDbExportJobStore(string connectionString, LiteDbStoreOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var connection = new ConnectionString(connectionString);
        if (connection.Connection != ConnectionType.Direct)
        {
            throw new ArgumentException(
                "ExportJobs keeps one LiteDB instance per process and needs LiteDB's direct connection; remove 'Connection=shared' from the connection string (direct is the default).",
                nameof(connectionString));
        }

        var inMemory = string.Equals(connection.Filename, ":memory:", StringComparison.Ordinal);
        if (!inMemory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(connection.Filename));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            _fileLock = LiteDbFileLock.Acquire(connection.Filename, options.LockTimeout, time);
            var data = Path.GetFullPath(connection.Filename);
            _logFile = new FileInfo(Path.Combine(Path.GetDirectoryName(data)!, Path.GetFileNameWithoutExtension(data) + "-log" + Path.GetExtension(data)));
            _dataFile = data;
            if (LiteDbLatestRunsFile.Take(data, _logFile) is { } saved)
            {
                _latestRuns.Preload(saved);
            }
        }

        try
        {
            (_database, _jobs, _runs, _claims, _running) = Open(connection, inMemory);
        }
        catch
        {
            _fileLock?.Dispose();
            throw;
        }

        _outbox = _database.GetCollection(OutboxCollection);
        _runWriter = new LiteDbRunWriter(_database, _runs, _running, _outbox, _latestRuns.Invalidate);
    }

    /// <summary>
    /// Writes the runs still queued, closes the database file, saves what it knows of each job's last run beside it
    /// (<see cref="LiteDbLatestRunsFile"/>: read at the next open, if the file did not change meanwhile) and releases the
    /// file's lock.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runWriter.Dispose();
        _database.Dispose();
        if (_dataFile is not null && _logFile is not null)
        {
            LiteDbLatestRunsFile.Save(_dataFile, _logFile, _latestRuns.Known());
        }

        _fileLock?.Dispose();
    }

    private static (LiteDatabase Database, ILiteCollection<BsonDocument> Jobs, ILiteCollection<BsonDocument> Runs, ILiteCollection<BsonDocument> Claims, ILiteCollection<BsonDocument> Running) Open(ConnectionString connection, bool inMemory)
    {
        var isNew = inMemory || !File.Exists(connection.Filename) || new FileInfo(connection.Filename).Length == 0;
        if (isNew)
        {
            connection.Collation = OrdinalCollation;
        }

        var database = new LiteDatabase(connection);
        try
        {
            if (database.Collation.SortOptions != CompareOptions.Ordinal)
            {
                database.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = OrdinalCollation, Password = connection.Password });
            }

            database.CheckpointSize = CheckpointPages;
            var jobs = database.GetCollection(JobsCollection);
            var runs = database.GetCollection(RunsCollection);
            var claims = database.GetCollection(ClaimsCollection);
            claims.EnsureIndex(ClaimOccurrence);
            jobs.EnsureIndex("createdAt");
            runs.EnsureIndex(SortKey, unique: true);
            foreach (var unused in UnusedIndexes)
            {
                runs.DropIndex(unused);
            }

            var hadRunning = database.CollectionExists(RunningCollection);
            var running = database.GetCollection(RunningCollection);
            if (!hadRunning)
            {
                running.InsertBulk(runs.Find(LiteDbQueries.Equal("status", LiteDbMapper.StatusName(ExportRunStatus.Running))).Select(LiteDbMapper.RunningEntry));
            }

            return (database, jobs, runs, claims, running);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    private T InTransaction<T>(Func<T> action)
    {
        if (!_database.BeginTrans())
        {
            return action();
        }

        try
        {
            var result = action();
            _database.Commit();
            return result;
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }
}
