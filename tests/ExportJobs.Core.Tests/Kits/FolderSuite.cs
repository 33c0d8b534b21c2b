using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Core.Tests.Kits;

#pragma warning disable CA1001 // _root is disposed in DisposeDestinationAsync, which CA1001 does not see

/// <summary>The destination kit over a folder destination chosen by the test (a correct one, or one broken on purpose).</summary>
internal sealed class FolderSuite(IExportDestination destination, string? secret = null, bool stages = false, bool streams = false) : ExportDestinationConformanceTests
{
    private readonly TempDirectory _root = new();

    public string Root => _root.Path;

    protected override string DestinationType => "folder";

    protected override bool Stages => stages;

    protected override bool Streams => streams;

    protected override IReadOnlyCollection<string> RequiredSettings => ["folder"];

    protected override Task<IExportDestination> CreateDestinationAsync() => Task.FromResult(destination);

    protected override Task DisposeDestinationAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig()
    {
        var config = new JsonObject { ["folder"] = Path.Combine(_root.Path, "out") };
        if (secret is not null)
        {
            config["password"] = secret;
        }

        return config;
    }

    protected override JsonObject CreateFailingConfig()
    {
        var blocked = Path.Combine(_root.Path, "blocked");
        File.WriteAllText(blocked, "not a folder");
        var config = CreateConfig();
        config["folder"] = Path.Combine(blocked, "out");
        return config;
    }

    protected override Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config)
    {
        var folder = config["folder"]!.GetValue<string>();
        return Task.FromResult<IReadOnlyList<string>>(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    protected override Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result) => File.ReadAllBytesAsync(result.DestinationPath);
}
