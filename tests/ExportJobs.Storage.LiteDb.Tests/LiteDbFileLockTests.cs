using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>
/// The lock that makes a LiteDB file belong to one store: a second store on an open file waits, then fails with a message
/// naming the holder, and the first one's data is untouched. (Two processes: <c>SampleLiteDbLockProcessTests</c>.)
/// </summary>
public sealed class LiteDbFileLockTests : IDisposable
{
    private static readonly LiteDbStoreOptions ShortWait = new() { LockTimeout = TimeSpan.FromMilliseconds(300) };
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_FileOpenByAnotherStore_FailsAfterTheTimeoutNamingTheHolder_HolderKeepsItsData()
    {
        var file = _folder.File("store.db");
        using var first = new LiteDbExportJobStore($"Filename={file}");
        await first.CreateJobAsync(Job("job-1"));

        var error = Assert.Throws<IOException>(() => new LiteDbExportJobStore($"Filename={file}", ShortWait, TimeProvider.System));

        Assert.Contains($"The LiteDB file '{file}' is in use by another process: process {Environment.ProcessId} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExportJobs:LiteDb:LockTimeout", error.Message, StringComparison.Ordinal);
        await first.CreateJobAsync(Job("job-2"));
        Assert.Equal(["job-1", "job-2"], (await first.ListJobsAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task Open_FileClosedWhileWaiting_OpensIt()
    {
        var file = _folder.File("store.db");
        var first = new LiteDbExportJobStore($"Filename={file}");
        await first.CreateJobAsync(Job("job-1"));

        var second = Task.Run(() => new LiteDbExportJobStore($"Filename={file}", new LiteDbStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) }, TimeProvider.System));
        first.Dispose();
        using var opened = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["job-1"], (await opened.ListJobsAsync()).Select(j => j.Id));
    }

    [Fact]
    public void Open_DataFileHeldByAHostWithoutTheLockFile_Fails()
    {
        var file = _folder.File("store.db");
        using (new LiteDbExportJobStore($"Filename={file}"))
        {
        }

        // What LiteDB itself does (a host of a release before the lock file): FileShare.Read, a shared lock on Linux.
        using var olderHost = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);

        var error = Assert.Throws<IOException>(() => new LiteDbExportJobStore($"Filename={file}", ShortWait, TimeProvider.System));
        Assert.Contains("does not take ExportJobs' lock file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ReleasesTheLock_TheFileReopensAtOnce()
    {
        var file = _folder.File("store.db");
        using (var store = new LiteDbExportJobStore($"Filename={file}"))
        {
            await store.CreateJobAsync(Job("job-1"));
        }

        using var reopened = new LiteDbExportJobStore($"Filename={file}", new LiteDbStoreOptions { LockTimeout = TimeSpan.Zero }, TimeProvider.System);
        Assert.NotNull(await reopened.GetJobAsync("job-1"));
    }

    private static ExportJob Job(string id) => new(id, new ExportJobDefinition
    {
        Name = $"Job {id}",
        DestinationType = "s3",
        Format = "csv",
        Schedule = "0 2 * * *",
    })
    {
        CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(id[^1] - '0'),
    };
}
