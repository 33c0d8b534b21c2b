using System.Globalization;

namespace ExportJobs.Benchmarks;

/// <summary>Latency percentiles of one measured operation, in milliseconds.</summary>
internal sealed record LatencyFigures(string Name, int Samples, double Median, double P95, double Mean, double CpuPerOp)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name,-48} median {Median,7:F3} ms  p95 {P95,7:F3} ms  mean {Mean,7:F3} ms  ({Samples} samples, process CPU {CpuPerOp,6:F3} ms/op)");
}
