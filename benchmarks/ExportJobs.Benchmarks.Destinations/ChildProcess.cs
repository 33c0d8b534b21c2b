using System.Diagnostics;
using System.Text.Json;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// Runs this harness again in a child process and reads the one <c>RESULT {json}</c> line it prints, so that each
/// measured case has a process (and a peak resident set, VmHWM) of its own.
/// </summary>
internal static class ChildProcess
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<T> RunAsync<T>(string what, params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("ExportJobs.Benchmarks.Destinations", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);          // run through `dotnet <dll>`
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{what} printed no result (exit {child.ExitCode}):\n{output}");
        return JsonSerializer.Deserialize<T>(line[ResultPrefix.Length..])!;
    }

    /// <summary>Prints a child's result for <see cref="RunAsync{T}"/>.</summary>
    public static void Print<T>(T result) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
}
