namespace ExportJobs.Benchmarks.Export;

/// <summary>One format's figures: the rates of each iteration and the ratios within each iteration.</summary>
internal sealed class Measurements
{
    public List<double> Raw { get; } = [];

    public List<double> Full { get; } = [];

    public List<double> Gzip { get; } = [];

    public List<double> FullRatio { get; } = [];

    public List<double> GzipRatio { get; } = [];

    /// <summary>CPU time per record (µs, all threads of the process) of the raw and the full side.</summary>
    public List<double> RawCpu { get; } = [];

    public List<double> FullCpu { get; } = [];

    /// <summary>Per iteration: raw CPU per record over full CPU per record (1.0: the library costs no CPU of its own).</summary>
    public List<double> CpuRatio { get; } = [];

    /// <summary>The output bytes of the last iteration: raw (what the bare serializer wrote) and full (the file, gzip off).</summary>
    public long RawBytes { get; private set; }

    public long FullBytes { get; private set; }

    /// <summary>Adds one iteration; <paramref name="gzip"/> is null for a format that refuses gzip (xlsx).</summary>
    public void Add(Sample raw, Sample full, Sample? gzip)
    {
        Raw.Add(raw.Rate);
        Full.Add(full.Rate);
        FullRatio.Add(full.Rate / raw.Rate);
        RawCpu.Add(raw.CpuMicroseconds);
        FullCpu.Add(full.CpuMicroseconds);
        CpuRatio.Add(raw.CpuMicroseconds / full.CpuMicroseconds);
        RawBytes = raw.Bytes;
        FullBytes = full.Bytes;
        if (gzip is { } g)
        {
            Gzip.Add(g.Rate);
            GzipRatio.Add(g.Rate / raw.Rate);
        }
    }
}
