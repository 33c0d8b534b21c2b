using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ExportJobs.Benchmarks.Dashboard;

/// <summary>
/// The built sample host (<c>dotnet ExportJobs.Sample.dll --urls http://127.0.0.1:0</c>) over a LiteDB file in a fresh
/// temp folder, deleted when disposed; the address is read from Kestrel's "Now listening on" line.
/// </summary>
internal sealed partial class SampleServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SampleServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SampleServer> StartAsync(string dll)
    {
        var folder = Path.Combine(Path.GetTempPath(), "exportjobs-dashboard-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var argument in new[]
        {
            dll, "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:ExportJobs=Filename={Path.Combine(folder, "bench.db")}",
            $"--Sample:ExportRoot={Path.Combine(folder, "exports")}",
            "--Sample:ProductCount=300",
            "--Sample:SeedJobs=false",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new SampleServer(process, folder, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The sample did not start listening within 60 s:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
