using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Storage;

namespace ExportJobs.Storage.LiteDb.Tests;

/// <summary>The storage contract on a LiteDB file in a temp folder, deleted afterwards.</summary>
public sealed class LiteDbExportJobStoreConformanceTests : ExportJobStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override Task<ExportJobStore> CreateStoreAsync() =>
        Task.FromResult<ExportJobStore>(new LiteDbExportJobStore($"Filename={_folder.File("store.db")}"));

    protected override Task DisposeStoreAsync(ExportJobStore store)
    {
        ((LiteDbExportJobStore)store).Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
