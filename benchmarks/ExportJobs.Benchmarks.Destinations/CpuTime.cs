using System.Diagnostics;
using System.Globalization;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// CPU time (user + system, all threads) of this process and of a server process, so that the tables can say how much
/// of the two cores a side used: on a 2-core machine, sides whose CPU adds up to more than 2 x their time cannot all
/// overlap.
/// </summary>
internal static class CpuTime
{
    /// <summary>This process's CPU time so far.</summary>
    public static TimeSpan Own() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The CPU time of process <paramref name="processId"/> so far, from /proc (zero when there is none).</summary>
    public static TimeSpan Of(int processId)
    {
        var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
        if (processId <= 0 || !File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // "pid (comm) state ppid ...": utime and stime are fields 14 and 15, counted after the closing parenthesis.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const int ClockTicksPerSecond = 100;
}
