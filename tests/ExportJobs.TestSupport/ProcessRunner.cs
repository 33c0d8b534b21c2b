using System.Diagnostics;

namespace ExportJobs.Testing;

/// <summary>Runs a command to completion, bounded in time, and fails with its output when it fails.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="timeout">At most this long; 2 minutes when omitted.</param>
    /// <param name="standardInput">Written to the program's standard input, which is then closed; none when omitted.</param>
    /// <param name="cancellationToken">Cancels the wait (and kills the process).</param>
    /// <exception cref="InvalidOperationException">The program could not start, timed out or exited with a non-zero code.</exception>
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan? timeout = null, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = standardInput is not null, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': {ex.Message}", ex);
        }

        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' did not finish in time.");
        }

        var stdout = await output;
        var stderr = await error;
        return process.ExitCode == 0
            ? stdout
            : throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with code {process.ExitCode}: {stderr}{stdout}");
    }
}
