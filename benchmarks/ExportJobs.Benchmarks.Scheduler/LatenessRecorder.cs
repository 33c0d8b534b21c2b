using System.Collections.Concurrent;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>Collects (scheduled, actual start) pairs and summarizes the lateness inside a window.</summary>
internal sealed class LatenessRecorder
{
    private readonly ConcurrentQueue<(DateTimeOffset Scheduled, DateTimeOffset Started)> _samples = new();

    public void Record(DateTimeOffset scheduled, DateTimeOffset started) => _samples.Enqueue((scheduled, started));

    public string Summarize(DateTimeOffset from, DateTimeOffset to, int expected)
    {
        var late = _samples.Where(s => s.Scheduled >= from && s.Scheduled < to)
            .Select(s => (s.Started - s.Scheduled).TotalMilliseconds)
            .Order()
            .ToArray();
        if (late.Length == 0)
        {
            return $"no starts (expected {expected})";
        }

        return $"starts {late.Length} (expected {expected}), lateness min {late[0]:F1} ms, p50 {Percentile(late, 0.50):F1} ms, p99 {Percentile(late, 0.99):F1} ms, max {late[^1]:F1} ms";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
