using System.Diagnostics;
using System.Globalization;

namespace ExportJobs.Benchmarks;

/// <summary>Runs an operation repeatedly, bounded in count and time, and reports latency percentiles.</summary>
internal static class Measurement
{
    public static async Task<LatencyFigures> LatencyAsync(string name, Func<int, Task> operation, int warmup, int samples, TimeSpan maxDuration)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(i);
        }

        var times = new List<double>(samples);
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        while (times.Count < samples && total.Elapsed < maxDuration)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(times.Count);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var cpuPerOp = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / Math.Max(1, times.Count);
        times.Sort();
        var figures = new LatencyFigures(name, times.Count, Percentile(times, 0.5), Percentile(times, 0.95), times.Average(), cpuPerOp);
        Console.WriteLine(figures);
        return figures;
    }

    public static async Task<double> RateAsync(string name, int workers, Func<int, int, Task> operation, int maxOperations, TimeSpan maxDuration)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var started = 0;
        var completed = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref started)) <= maxOperations && clock.Elapsed < maxDuration)
            {
                await operation(worker, n);
                Interlocked.Increment(ref completed);
            }
        }));
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var count = completed;
        var rate = count / elapsed.TotalSeconds;
        var cpuPerOp = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / Math.Max(1, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {count,8} ops in {elapsed.TotalSeconds,6:F1} s with {workers} workers = {rate,8:F0} ops/s  (process CPU {cpuPerOp:F3} ms/op)"));
        return rate;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
