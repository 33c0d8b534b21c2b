namespace ExportJobs.Testing.Servers;

/// <summary>Finds files of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds ExportJobs.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The npm tools of tests/servers (s3rver, azurite-blob).</summary>
    /// <param name="tool">The tool's name in node_modules/.bin.</param>
    public static string NpmTool(string tool) => Path.Combine(Root, "tests", "servers", "node_modules", ".bin", tool);

    /// <summary>How to install the servers the destination tests need.</summary>
    public const string InstallHint = "Install the destination test servers with: bash .ci/install-destination-servers.sh (apt-get install openssh-server; npm ci in tests/servers).";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExportJobs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find ExportJobs.sln above " + AppContext.BaseDirectory);
    }
}
