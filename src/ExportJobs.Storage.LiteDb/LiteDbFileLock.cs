using System.Globalization;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// The operating-system lock that makes a LiteDB file belong to one process: a sidecar <c>&lt;file&gt;.lock</c> held open
/// with <see cref="FileShare.None"/> while the store is open.
/// </summary>
/// <remarks>
/// <para>
/// LiteDB opens its file with <see cref="FileShare.Read"/>, which .NET on Linux and macOS maps to a shared
/// <c>flock</c>: a second process opens the same file without complaint, and the two overwrite each other's pages.
/// <see cref="FileShare.None"/> maps to an exclusive <c>flock</c> (a share mode on Windows) that any other .NET process
/// opening the file with <see cref="FileShare.None"/> respects, and that the operating system drops when the process dies,
/// even by SIGKILL. The lock is on a sidecar file because LiteDB must still open the data file itself.
/// </para>
/// <para>
/// After the sidecar, the data file itself is opened exclusively once and closed again: this finds a host of a release
/// before this lock existed, which holds only LiteDB's shared lock on the data file.
/// </para>
/// <para>
/// A host that sets <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turns .NET's file locks off and with them this protection.
/// The lock file cannot be read while it is held, so the holder writes who it is to <c>&lt;file&gt;.owner</c>, which
/// the waiting host quotes in its error.
/// </para>
/// </remarks>
internal sealed class LiteDbFileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _lock;

    private LiteDbFileLock(FileStream lockStream) => _lock = lockStream;

    /// <summary>Takes the lock of <paramref name="dataFile"/>, waiting up to <paramref name="timeout"/> for another process to release it.</summary>
    /// <exception cref="IOException">Another process still holds the file after <paramref name="timeout"/>.</exception>
    public static LiteDbFileLock Acquire(string dataFile, TimeSpan timeout, TimeProvider time)
    {
        var path = Path.GetFullPath(dataFile);
        var lockPath = path + ".lock";
        var ownerPath = path + ".owner";
        var started = time.GetTimestamp();
        while (true)
        {
            var stream = TryOpenExclusive(lockPath, FileAccess.ReadWrite);
            var heldByOlderHost = false;
            if (stream is not null)
            {
                if (DataFileIsFree(path))
                {
                    WriteOwner(ownerPath, time);
                    return new LiteDbFileLock(stream);
                }

                heldByOlderHost = true;
                stream.Dispose();
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new IOException(InUseMessage(path, ownerPath, heldByOlderHost, timeout));
            }

            Thread.Sleep(RetryInterval);
        }
    }

    /// <summary>Releases the lock: the next host waiting for the file gets it.</summary>
    public void Dispose() => _lock.Dispose();

    private static FileStream? TryOpenExclusive(string path, FileAccess access)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, access, FileShare.None);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException and not PathTooLongException)
        {
            return null;
        }
    }

    private static bool DataFileIsFree(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        using var probe = TryOpenExclusive(path, FileAccess.Read);
        return probe is not null;
    }

    private static void WriteOwner(string ownerPath, TimeProvider time)
    {
        var owner = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} ({Path.GetFileName(Environment.ProcessPath) ?? "unknown"}) on host {Environment.MachineName}, since {time.GetUtcNow():u}");
        try
        {
            File.WriteAllText(ownerPath, owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only diagnostics: a host that cannot write it still holds the lock; a waiting host then names no process.
        }
    }

    private static string InUseMessage(string path, string ownerPath, bool heldByOlderHost, TimeSpan timeout)
    {
        var owner = heldByOlderHost ? "a process that does not take ExportJobs' lock file (a host of an earlier release?)" : ReadOwner(ownerPath);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The LiteDB file '{path}' is in use by another process: {owner}. Waited {timeout.TotalSeconds:0.###} s ({LiteDbStoreOptions.SectionName}:LockTimeout) for it to close the file. A LiteDB file belongs to one process: stop the other instance before starting this one, or point several instances at a shared store such as PostgreSQL (UsePostgreSql).");
    }

    private static string ReadOwner(string ownerPath)
    {
        try
        {
            var owner = File.ReadAllText(ownerPath).Trim();
            return owner.Length > 0 ? owner : "another host";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another host";
        }
    }
}
