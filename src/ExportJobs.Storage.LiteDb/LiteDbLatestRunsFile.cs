using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// What <see cref="LiteDbLatestRuns"/> knew when the store was last closed, saved beside the database as
/// <c>&lt;file&gt;.latest-runs</c>, so that the first job list after a restart does not look up the last run of every job
/// again (one index query each: most of the time of the first <c>GET /export-jobs</c> of 10,000 jobs).
/// </summary>
/// <remarks>
/// <para>
/// It is written when the store is disposed, after the database is closed (so after every run write committed) and
/// before the file's lock is released, together with the length and last write time of the data file and of its log at
/// that moment. The next store to open the file reads it, and deletes it, before LiteDB opens the file, and uses it only
/// when both files are exactly as they were: whatever wrote to the database in between (this process crashing after
/// writes, an earlier release of the library, a backup restored over it) changed them, and the runs are then looked up
/// as before. A process that crashes never wrote one; the one it read was deleted when it opened the file.
/// </para>
/// <para>
/// It holds job ids and runs, which the database holds too (no secrets: none are in runs). Failing to write or read it
/// (a read-only folder, a damaged file) costs only the lookups. It is not written for more than
/// <see cref="MaxEntries"/> jobs.
/// </para>
/// </remarks>
internal static class LiteDbLatestRunsFile
{
    /// <summary>The most jobs whose last runs are saved.</summary>
    public const int MaxEntries = 200_000;

    private const int Version = 1;

    /// <summary>The file's path for a database file.</summary>
    public static string PathFor(string dataFile) => dataFile + ".latest-runs";

    /// <summary>Saves <paramref name="known"/>, the last run (or none) of each job, with the database files' state now.</summary>
    /// <returns>Whether the file was written.</returns>
    public static bool Save(string dataFile, FileInfo logFile, IReadOnlyCollection<KeyValuePair<string, ExportRun?>> known)
    {
        var path = PathFor(dataFile);
        if (known.Count == 0 || known.Count > MaxEntries)
        {
            return false;
        }

        var temporary = path + ".tmp";
        try
        {
            var runs = new BsonArray(known.Select(entry => new BsonDocument
            {
                ["j"] = entry.Key,
                ["r"] = entry.Value is { } run ? LiteDbMapper.FromRun(run) : BsonValue.Null,
            }));
            var document = new BsonDocument
            {
                ["v"] = Version,
                ["data"] = Stamp(new FileInfo(dataFile)),
                ["log"] = Stamp(logFile),
                ["runs"] = runs,
            };
            File.WriteAllBytes(temporary, BsonSerializer.Serialize(document));
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>
    /// Reads and deletes the saved file; returns its runs, parsed once, when the database files are exactly as they were
    /// when it was saved (to hand to <see cref="Read"/>), else <see langword="null"/>. Call before LiteDB opens the database.
    /// </summary>
    public static BsonArray? Take(string dataFile, FileInfo logFile)
    {
        var path = PathFor(dataFile);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            TryDelete(path);
        }

        try
        {
            var document = BsonSerializer.Deserialize(bytes);
            var current = document["v"] == Version && document["data"] == Stamp(new FileInfo(dataFile)) && document["log"] == Stamp(logFile);
            return current ? document["runs"].AsArray : null;
        }
        catch (Exception ex) when (ex is LiteException or InvalidCastException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            return null; // a damaged file
        }
    }

    /// <summary>The entries of the runs <see cref="Take"/> returned: each job's last run, or none.</summary>
    public static List<KeyValuePair<string, ExportRun?>> Read(BsonArray runs)
    {
        var entries = new List<KeyValuePair<string, ExportRun?>>(runs.Count);
        foreach (var entry in runs)
        {
            var run = entry["r"];
            entries.Add(new(entry["j"].AsString, run.IsDocument ? LiteDbMapper.ToRun(run.AsDocument) : null));
        }

        return entries;
    }

    private static BsonValue Stamp(FileInfo file)
    {
        file.Refresh();
        return file.Exists ? new BsonDocument { ["length"] = file.Length, ["written"] = file.LastWriteTimeUtc.Ticks } : BsonValue.Null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next open finds the database files changed, or reads it again and deletes it then.
        }
    }
}
