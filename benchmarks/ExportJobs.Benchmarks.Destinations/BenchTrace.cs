using System.Diagnostics;
using System.Globalization;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// With <c>EXPORTJOBS_BENCH_TRACE=1</c>, each side prints to stderr when its timed part starts, when the export read its
/// last record, and every HTTP request and response (method, query), with a timestamp in seconds: to see where a slow
/// side waits (a part that starts late, a slow complete).
/// </summary>
internal static class BenchTrace
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("EXPORTJOBS_BENCH_TRACE") == "1";

    public static void Write(string what)
    {
        if (Enabled)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TRACE {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:0.000} {what}"));
        }
    }
}
