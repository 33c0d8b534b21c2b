using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>
/// A job whose destination plugin is no longer registered: nothing says which settings are secret, so the list and GET
/// mask every one of them (they used to decrypt the sealed secrets and show them in clear).
/// </summary>
public sealed class UnknownDestinationMaskingTests : IDisposable
{
    private const string Secret = "s3cr3t-token-of-a-removed-plugin";
    private readonly TempDirectory _folder = new();
    private readonly ReversingSecretProtector _protector = new();

    [Fact]
    public async Task ListAndGet_OfAJobWhosePluginWasRemoved_ShowNoSettingInClear()
    {
        string id;
        await using (var before = Services(withPlugin: true))
        {
            var created = await before.GetRequiredService<ExportJobManager>().CreateAsync(new ExportJobDefinition
            {
                Name = "orphaned",
                DestinationType = RecordingDestination.TypeName,
                DestinationConfig = new JsonObject { ["token"] = Secret, ["path"] = "out" },
                Format = "csv",
                Schedule = "0 2 * * *",
            });
            id = created.Value!.Job.Id;
        }

        await using var after = Services(withPlugin: false);
        var manager = after.GetRequiredService<ExportJobManager>();

        var listed = (await manager.ListAsync()).Single().Job.DestinationConfig;
        var page = (await manager.ListAsync(new ExportJobPageRequest { Limit = 10 })).Value!.Single().Job.DestinationConfig;
        var got = (await manager.GetAsync(id))!.Job.DestinationConfig;

        foreach (var shown in new[] { listed, page, got })
        {
            Assert.DoesNotContain(Secret, shown.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("********", shown["token"]!.GetValue<string>());
        }
    }

    public void Dispose() => _folder.Dispose();

    private ServiceProvider Services(bool withPlugin)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISecretProtector>(_protector);
        var exportJobs = services.AddExportJobs(o => o.SchedulerEnabled = false).UseLiteDb($"Filename={_folder.File("jobs.db")}");
        if (withPlugin)
        {
            exportJobs.AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        }

        return services.BuildServiceProvider();
    }
}
