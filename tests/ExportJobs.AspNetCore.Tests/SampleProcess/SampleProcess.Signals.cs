using System.Collections.Concurrent;
using System.Diagnostics;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

internal sealed partial class SampleProcess
{
    /// <summary>Every line the host wrote to standard output (its console log), in order.</summary>
    public ConcurrentQueue<string> Output { get; }

    /// <summary>Freezes the whole process (SIGSTOP): its lease heartbeats stop as if it stalled.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>Lets a frozen process go on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
