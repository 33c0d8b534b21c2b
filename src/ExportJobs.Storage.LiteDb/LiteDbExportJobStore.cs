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
/// a multi-host provider such as PostgreSQL for several hosts). LiteDB's API is synchronous, so the methods complete
/// synchronously.
/// </para>
/// </remarks>
public sealed partial class LiteDbExportJobStore : ExportJobStore, IDisposable
{
    private const string JobsCollection = "jobs";
    private const string RunsCollection = "runs";
    private const string ClaimsCollection = "claims";
    private const string RunningCollection = "running";
    private const int CheckpointPages = 10_000;
    private static readonly string[] UnusedIndexes = ["jobId", "status", "statusKey"];
    private static readonly Collation OrdinalCollation = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _jobs;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _claims;
    private readonly ILiteCollection<BsonDocument> _running;
    private readonly LiteDbRunWriter _runWriter;

    /// <summary>Opens (or creates) the database.</summary>
    /// <param name="connectionString">A LiteDB connection string, for example <c>Filename=exportjobs.db</c>, or a file path.</param>
    /// <exception cref="ArgumentException">The connection string asks for a shared connection.</exception>
    public LiteDbExportJobStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
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
        }

        var isNew = inMemory || !File.Exists(connection.Filename) || new FileInfo(connection.Filename).Length == 0;
        if (isNew)
        {
            connection.Collation = OrdinalCollation;
        }

        _database = new LiteDatabase(connection);
        if (_database.Collation.SortOptions != CompareOptions.Ordinal)
        {
            _database.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = OrdinalCollation, Password = connection.Password });
        }

        _database.CheckpointSize = CheckpointPages;
        _jobs = _database.GetCollection(JobsCollection);
        _runs = _database.GetCollection(RunsCollection);
        _claims = _database.GetCollection(ClaimsCollection);
        _jobs.EnsureIndex("createdAt");
        _runs.EnsureIndex(SortKey, unique: true);
        foreach (var unused in UnusedIndexes)
        {
            _runs.DropIndex(unused);
        }

        var hadRunning = _database.CollectionExists(RunningCollection);
        _running = _database.GetCollection(RunningCollection);
        if (!hadRunning)
        {
            _running.InsertBulk(_runs.Find(Query.EQ("status", LiteDbMapper.StatusName(ExportRunStatus.Running))).Select(LiteDbMapper.RunningEntry));
        }

        _runWriter = new LiteDbRunWriter(_database, _runs, _running);
    }

    /// <summary>Writes the runs still queued and closes the database file.</summary>
    public void Dispose()
    {
        _runWriter.Dispose();
        _database.Dispose();
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
