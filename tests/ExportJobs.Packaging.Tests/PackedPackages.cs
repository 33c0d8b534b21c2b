using System.Globalization;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Packaging.Tests;

/// <summary>
/// The solution packed once per test run (<c>dotnet pack --no-build</c> of the Release build scripts/test.sh made)
/// with a version of its own, <c>0.1.0-test.…</c>, into a private folder; every test of the collection uses it. New apps
/// restore it through a nuget.config of their own (this folder plus the machine's configured sources, which they
/// inherit) into a NuGet packages folder of their own, so a cached 0.1.0 never stands in for the code under test.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the .nupkg and .snupkg files are.</summary>
    public string Folder => _folder.File("packages");

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; private set; } = string.Empty;

    /// <summary>A folder for one test's app, template hive or packages.</summary>
    public string NewFolder(string name)
    {
        var path = _folder.File(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The environment of a new user's dotnet: a NuGet packages folder of its own under <paramref name="app"/>.</summary>
    public Dictionary<string, string?> Environment(string app) => new() { ["NUGET_PACKAGES"] = Path.Combine(app, ".nuget-packages") };

    /// <summary>
    /// Writes a nuget.config into <paramref name="app"/>: the packed folder as a source next to the machine's own
    /// (inherited, no &lt;clear/&gt;), and the machine's NuGet cache as a fallback folder for third-party packages so
    /// they need not be downloaded again (it cannot hold this run's version of ExportJobs).
    /// </summary>
    public void WriteNuGetConfig(string app)
    {
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="exportjobs-under-test" value="{Folder}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-cache" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        PackOutput = await DotNet.RunCheckedAsync(
            RepositoryPaths.Root,
            ["pack", "ExportJobs.sln", "-c", "Release", "--no-build", "-nologo", "-o", Folder, "-p:Version=" + Version],
            new Dictionary<string, string?>(),
            TimeSpan.FromMinutes(5));
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
