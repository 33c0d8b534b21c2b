using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Sample;
using ExportJobs.Sample.LocalFolder;
using ExportJobs.Testing;
using ExportJobs.Testing.Destinations;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Tests.Sample;

#pragma warning disable CA1001 // _root is disposed in DisposeDestinationAsync, which CA1001 does not see

/// <summary>The destination kit against the sample's local-folder plugin, over a temp export root.</summary>
public sealed class LocalFolderDestinationConformanceTests : ExportDestinationConformanceTests
{
    private readonly TempDirectory _root = new();
    private readonly string _folder = "kit-" + Guid.NewGuid().ToString("N")[..12];

    protected override string DestinationType => LocalFolderDestination.TypeName;

    // local-folder needs no setting: without 'path' it writes to the export root.
    protected override IReadOnlyCollection<string> RequiredSettings => [];

    protected override Task<IExportDestination> CreateDestinationAsync() =>
        Task.FromResult<IExportDestination>(new LocalFolderDestination(
            Options.Create(new SampleOptions { ExportRoot = _root.Path }),
            new HostingEnvironment { ContentRootPath = _root.Path }));

    protected override Task DisposeDestinationAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig() => new() { ["path"] = _folder };

    // A file stands where the folder would be created: it can be neither written nor tested. local-folder has no secrets.
    protected override JsonObject CreateFailingConfig()
    {
        var blocked = Path.Combine(_root.Path, "blocked-" + _folder);
        if (!File.Exists(blocked))
        {
            File.WriteAllText(blocked, "not a folder");
        }

        return new() { ["path"] = "blocked-" + _folder + "/sub" };
    }

    protected override Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config)
    {
        var folder = Path.Combine(_root.Path, config["path"]!.GetValue<string>());
        return Task.FromResult<IReadOnlyList<string>>(Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f))]
            : []);
    }

    protected override Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result)
    {
        Assert.Equal(Path.Combine(_root.Path, _folder, fileName), result.DestinationPath);
        return File.ReadAllBytesAsync(result.DestinationPath);
    }
}
