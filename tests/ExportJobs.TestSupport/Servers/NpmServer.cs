using Xunit;

namespace ExportJobs.Testing.Servers;

/// <summary>A server from tests/servers' npm packages on a free 127.0.0.1 port, with a data folder of its own that is deleted when it stops.</summary>
public abstract class NpmServer : IAsyncLifetime
{
    private readonly string _tool;
    private readonly DirectoryInfo _data;
    private ServerProcess? _process;

    /// <summary>Prepares the server; <see cref="InitializeAsync"/> starts it.</summary>
    /// <param name="tool">The tool's name in node_modules/.bin.</param>
    protected NpmServer(string tool)
    {
        _tool = tool;
        _data = Directory.CreateTempSubdirectory($"exportjobs-{tool}-");
    }

    /// <summary>The port it listens on, once started.</summary>
    public int Port => _process?.Port ?? throw new InvalidOperationException($"{_tool} has not been started.");

    /// <summary>The server's process id, once started.</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException($"{_tool} has not been started.");

    /// <summary>Starts the server.</summary>
    public async Task InitializeAsync() =>
        _process = await ServerProcess.StartAsync(_tool, RepositoryPaths.NpmTool(_tool), port => Arguments(_data.FullName, port), ListeningLine, RepositoryPaths.InstallHint);

    /// <summary>Stops the server and deletes its data.</summary>
    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _data.Delete(recursive: true);
    }

    /// <summary>The tool's arguments: listen on 127.0.0.1:<paramref name="port"/> and keep data in <paramref name="dataFolder"/>.</summary>
    /// <param name="dataFolder">The server's data folder.</param>
    /// <param name="port">The port.</param>
    protected abstract IEnumerable<string> Arguments(string dataFolder, int port);

    /// <summary>What the tool prints once it listens on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The port.</param>
    protected abstract string ListeningLine(int port);
}
