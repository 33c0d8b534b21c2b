using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Conformance;

/// <summary>The destination kit against sshd (password login, host key pinned).</summary>
[Collection(DestinationServers.Name)]
public sealed class SftpDestinationConformanceTests(SshdServer server) : ExportDestinationConformanceTests
{
    private readonly DestinationHarness _harness = new();
    private readonly string _folder = "kit-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");

    protected override string DestinationType => "sftp";

    protected override bool Stages => true;

    protected override bool Streams => true;

    protected override IReadOnlyCollection<string> RequiredSettings => ["host", "username", "password"];

    protected override Task<IExportDestination> CreateDestinationAsync() => Task.FromResult(_harness.Get("sftp"));

    protected override Task DisposeDestinationAsync()
    {
        _harness.Logs.AssertContainsNone([server.Password, _wrongPassword]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig() => server.DestinationConfig(_folder);

    protected override JsonObject CreateFailingConfig()
    {
        var config = CreateConfig();
        config["password"] = _wrongPassword;
        return config;
    }

    // Every entry under the folder, the hidden temporary files included, at any depth.
    protected override async Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config)
    {
        var names = new List<string>();
        await ListAsync(_folder, names);
        return names;
    }

    protected override async Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result)
    {
        var remote = $"{SshdServer.Home}/{_folder}/{fileName}";
        Assert.Equal($"sftp://127.0.0.1:{server.Port}{remote}", result.DestinationPath);
        using var client = server.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        await using var stream = client.OpenRead(remote);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private async Task ListAsync(string folder, List<string> names)
    {
        using var client = server.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        var path = $"{SshdServer.Home}/{folder}";
        if (!await client.ExistsAsync(path))
        {
            return;
        }

        var folders = new List<string>();
        await foreach (var entry in client.ListDirectoryAsync(path, CancellationToken.None))
        {
            if (entry.Name is "." or "..")
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                folders.Add($"{folder}/{entry.Name}");
            }
            else
            {
                names.Add($"{folder}/{entry.Name}");
            }
        }

        foreach (var sub in folders)
        {
            await ListAsync(sub, names);
        }
    }
}
