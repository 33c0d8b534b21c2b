using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Kits;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Running;

/// <summary>
/// The runner's staged publish (destination contract v2) over a folder destination that stages: every file staged, then
/// published in order with the manifest last; what a failure while staging or while publishing says and leaves.
/// (The built-in destinations are tested against their real servers in ExportJobs.Destinations.Tests.)
/// </summary>
public sealed class StagedPublishRunTests
{
    private const string Type = "staged-folder";

    [Fact]
    public async Task SplitRunWithManifest_PublishesEveryPartThenTheManifest_OnlyAfterAllAreStaged()
    {
        var destination = new FolderDestination { Stage = true };
        await using var harness = Harness(destination);

        var run = await harness.RunAsync(Job(harness));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var folder = Folder(harness);
        Assert.Equal([.. run.Files!.Select(f => Path.Combine(folder, f.Name)), Path.Combine(folder, run.FileName!)], destination.Published);
        Assert.Equal(run.Files!.Select(f => f.Path), destination.Published.Take(3));
        Assert.Equal(4, destination.Staged);
        Assert.Equal(4, Directory.GetFiles(folder).Length);
        Assert.Empty(harness.Destination.Deliveries);
    }

    [Fact]
    public async Task FailingWhileStagingPart3_PublishesNothing_AndSaysWhatCouldNotBeDiscarded()
    {
        var destination = new FolderDestination { Stage = true, FailStagingAt = 3, ThrowOnDiscard = true };
        await using var harness = Harness(destination);

        var run = await harness.RunAsync(Job(harness));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains($"'{run.JobId}-0003.csv' (part 3 of 3)", run.Error, StringComparison.Ordinal);
        Assert.Contains("test failure while staging file 3", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(" Nothing of this run was published: files are published only once all are staged. 2 staged files could not be discarded (invisible to consumers; see the host's log).", run.Error, StringComparison.Ordinal);
        Assert.Empty(destination.Published);
        Assert.Empty(Directory.GetFiles(Folder(harness)));
    }

    [Fact]
    public async Task FailingWhilePublishingFile2_NamesTheFilePublishedBefore_WhenTheDestinationCannotRemove()
    {
        var destination = new FolderDestination { Stage = true, FailPublishAt = 2 };
        await using var harness = Harness(destination);

        var run = await harness.RunAsync(Job(harness));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        var first = Path.Combine(Folder(harness), $"{run.JobId}-0001.csv");
        Assert.Contains("(publishing 2 of 4 staged files)", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($" Left at the destination, to remove by hand (1 of the 1 file published before; no manifest was published): {first}.", run.Error, StringComparison.Ordinal);
        Assert.Equal([first], destination.Published);
        Assert.Equal([first], Directory.GetFiles(Folder(harness)));
    }

    private static EngineHarness Harness(FolderDestination destination) =>
        new(new GeneratedRecordSource(25), extend: b =>
        {
            b.Services.AddKeyedSingleton<IExportDestination>(Type, destination);
            b.Services.AddSingleton(new ExportComponentRegistration<IExportDestination>(Type));
        });

    private static string Folder(EngineHarness harness)
    {
        var folder = Path.Combine(harness.Root, "staged");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static ExportJobDefinition Job(EngineHarness harness) => EngineHarness.Job("csv") with
    {
        DestinationType = Type,
        DestinationConfig = new JsonObject { ["folder"] = Folder(harness) },
        FilenameTemplate = "{jobId}-{part}.csv",
        Split = new ExportSplit { MaxRecords = 10 },
        Manifest = true,
    };
}
