using System.Diagnostics;
using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A real server run as a child process for tests: started on a free 127.0.0.1 port, waited for until it says it
/// listens there, and killed with its children.
/// </summary>
/// <remarks>
/// Readiness is the server's own "listening" line, not a successful connect: a connect could reach some other
/// server that took the port first (a test once talked to s3rver believing it was Azurite). A server whose bind
/// fails because the port was taken meanwhile is started again on another port.
/// </remarks>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int Attempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly string _listeningLine;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, int port, string listeningLine)
    {
        _process = process;
        Port = port;
        _listeningLine = listeningLine;
    }

    /// <summary>The 127.0.0.1 port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's process id (benchmarks read its CPU time).</summary>
    public int ProcessId => _process.Id;

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

    /// <summary>Starts <paramref name="fileName"/> on a free port and waits until it prints that it listens there.</summary>
    /// <param name="name">A name for messages, e.g. "s3rver".</param>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments for a given port.</param>
    /// <param name="listeningLine">Text the server prints (stdout or stderr) once it listens on the given port.</param>
    /// <param name="installHint">How to install the server, shown when it cannot start.</param>
    /// <param name="ports">Where ports come from (default <see cref="LoopbackPorts.GetFree"/>); a test of this class picks them itself.</param>
    /// <exception cref="InvalidOperationException">The server is not installed, exited, or did not start listening in time.</exception>
    public static async Task<ServerProcess> StartAsync(string name, string fileName, Func<int, IEnumerable<string>> arguments, Func<int, string> listeningLine, string installHint, Func<int>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(listeningLine);
        if (!File.Exists(fileName))
        {
            throw new InvalidOperationException($"{name} is not installed ({fileName} is missing). {installHint}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = (ports ?? LoopbackPorts.GetFree)();
            var server = Start(name, fileName, arguments(port), port, listeningLine(port), installHint);
            var exited = server._process.WaitForExitAsync();
            var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(StartTimeout));
            if (first == server._listening.Task)
            {
                return server;
            }

            var output = server.Output;
            await server.DisposeAsync();
            if (first == exited && LoopbackPorts.IsInUse(output) && attempt < Attempts)
            {
                continue;
            }

            var what = first == exited ? "exited before it listened" : $"did not start listening within {StartTimeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"{name} {what} on 127.0.0.1:{port}. {installHint}\nIts output:\n{output}");
        }
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

    private static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, int port, string listeningLine, string installHint)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} could not be started. {installHint}");
        var server = new ServerProcess(process, port, listeningLine);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
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

        if (line.Contains(_listeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
