using System.Diagnostics;

namespace ExportJobs.Testing;

/// <summary>Runs a node script from <c>tests/tools</c> (npm packages pinned in its package-lock.json).</summary>
/// <remarks>A missing node or missing node_modules fails the test with the command that installs them.</remarks>
public static class NodeTool
{
    /// <summary>The repository's <c>tests/tools</c> folder.</summary>
    public static string ToolsDirectory => Path.Combine(Servers.RepositoryPaths.Root, "tests", "tools");

    /// <summary>Runs <c>node script args</c> in <see cref="ToolsDirectory"/>; returns the exit code and the output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var tools = ToolsDirectory;
        if (!Directory.Exists(Path.Combine(tools, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The npm test tools are not installed in {tools}. Run 'bash .ci/install-openapi-validator.sh' (needs node and npm).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("node is not installed. Run 'bash .ci/install-openapi-validator.sh' (apt-get install nodejs npm).", ex);
        }

        using (process)
        {
            using var cts = new CancellationTokenSource(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {timeout}.");
            }

            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
