using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;

namespace MyDestination.Tests;

/// <summary>
/// The ExportJobs destination kit against the destination, in a temporary folder of each test's own. For a destination
/// that talks to a service, start a real server on a loopback port here and point the settings at it.
/// </summary>
public sealed class FolderDestinationConformanceTests : ExportDestinationConformanceTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "my-destination-tests", Guid.NewGuid().ToString("N"));

    protected override string DestinationType => FolderDestination.TypeName;

    protected override IReadOnlyCollection<string> RequiredSettings => ["folder"];

    protected override Task<IExportDestination> CreateDestinationAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.FromResult<IExportDestination>(new FolderDestination());
    }

    protected override Task DisposeDestinationAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig() => new() { ["folder"] = Path.Combine(_root, "out") };

    // A file stands where the folder would be: nothing can be written there. This destination has no secrets.
    protected override JsonObject CreateFailingConfig()
    {
        var blocked = Path.Combine(_root, "blocked");
        File.WriteAllText(blocked, "not a folder");
        return new() { ["folder"] = Path.Combine(blocked, "out") };
    }

    protected override Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config)
    {
        var folder = config["folder"]!.GetValue<string>();
        return Task.FromResult<IReadOnlyList<string>>(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    protected override Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result) =>
        File.ReadAllBytesAsync(result.DestinationPath);
}
