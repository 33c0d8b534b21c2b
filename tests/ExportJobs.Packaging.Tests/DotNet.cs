using System.Diagnostics;
using System.Text;

namespace ExportJobs.Packaging.Tests;

/// <summary>Runs the dotnet CLI as a new user would, bounded in time, with the environment of the test's own.</summary>
public static class DotNet
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="folder"/>; returns the exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan bound)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // What `dotnet test` sets for its own MSBuild nodes would steer the child's build; a new user has none of it.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' did not finish within {bound.TotalSeconds} s:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Runs and asserts exit code 0; returns the output.</summary>
    public static async Task<string> RunCheckedAsync(string folder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan bound)
    {
        var (exitCode, output) = await RunAsync(folder, arguments, environment, bound);
        Assert.True(exitCode == 0, $"'dotnet {string.Join(' ', arguments)}' in {folder} exited with {exitCode}:{Environment.NewLine}{output}");
        return output;
    }
}
