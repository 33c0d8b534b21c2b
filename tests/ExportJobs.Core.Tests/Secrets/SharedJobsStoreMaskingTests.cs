using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Storage.LiteDb;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>
/// A store that hands out the jobs it keeps (it does not say <see cref="ExportJobStore.ReturnsCopies"/>) is never changed
/// by the job list's masking: its secrets stay sealed, runs still get them in clear, and a second list shows the same.
/// </summary>
public sealed class SharedJobsStoreMaskingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task List_OfAStoreThatHandsOutItsOwnJobs_MasksCopies_AndLeavesTheStoresJobsAlone()
    {
        var sharing = new SharingStore(new LiteDbExportJobStore($"Filename={_folder.File("jobs.db")}"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISecretProtector>(new ReversingSecretProtector());
        services.AddExportJobs(o => o.SchedulerEnabled = false)
            .UseStore(_ => sharing)
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ExportJobManager>();
        var created = await manager.CreateAsync(new ExportJobDefinition
        {
            Name = "shared",
            DestinationType = RecordingDestination.TypeName,
            DestinationConfig = new JsonObject { ["token"] = "s3cr3t-token-value", ["path"] = "out" },
            Format = "csv",
            Schedule = "0 2 * * *",
        });
        var id = created.Value!.Job.Id;

        var first = await manager.ListAsync();
        var second = await manager.ListAsync();

        Assert.Equal("********", first.Single().Job.DestinationConfig["token"]!.GetValue<string>());
        Assert.Equal("********", second.Single().Job.DestinationConfig["token"]!.GetValue<string>());
        var kept = (await sharing.ListJobsAsync()).Single().DestinationConfig["token"]!;
        Assert.True(kept is JsonObject sealedValue && sealedValue.ContainsKey("$protected"), $"The store's own job was changed by the list: {kept.ToJsonString()}");
        Assert.Equal("s3cr3t-token-value", (await provider.GetRequiredService<ExportJobStore>().GetJobAsync(id))!.DestinationConfig["token"]!.GetValue<string>());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Keeps the first full list and hands out those very objects every time after (as a naive cache would).</summary>
    private sealed class SharingStore(LiteDbExportJobStore inner) : DelegatingStore(inner), IDisposable
    {
        private IReadOnlyList<ExportJob>? _kept;

        public override async Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default) =>
            _kept ??= await inner.ListJobsAsync(cancellationToken);

        public override async Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
        {
            _kept = null;
            await inner.CreateJobAsync(job, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
