using System.Diagnostics;
using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>A real server run as a child process for tests: started, waited for on its port, and killed with its children.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until it listens on <paramref name="port"/>.</summary>
    /// <param name="name">A name for messages, e.g. "s3rver".</param>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="port">The 127.0.0.1 port it listens on.</param>
    /// <param name="installHint">How to install the server, shown when it cannot start.</param>
    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, int port, string installHint)
    {
        if (!File.Exists(fileName))
        {
            throw new InvalidOperationException($"{name} is not installed ({fileName} is missing). {installHint}");
        }

        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} could not be started. {installHint}");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!await LoopbackPorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(90), () => process.HasExited))
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start listening on 127.0.0.1:{port}. {installHint}\nIts output:\n{output}");
        }

        return server;
    }

    /// <summary>Kills the server and its child processes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
