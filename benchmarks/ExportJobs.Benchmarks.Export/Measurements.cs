namespace ExportJobs.Benchmarks.Export;

/// <summary>One format's figures: the rates of each iteration and the ratios within each iteration.</summary>
internal sealed class Measurements
{
    public List<double> Raw { get; } = [];

    public List<double> Full { get; } = [];

    public List<double> Gzip { get; } = [];

    public List<double> FullRatio { get; } = [];

    public List<double> GzipRatio { get; } = [];

    /// <summary>Adds one iteration; <paramref name="gzip"/> is null for a format that refuses gzip (xlsx).</summary>
    public void Add(double raw, double full, double? gzip)
    {
        Raw.Add(raw);
        Full.Add(full);
        FullRatio.Add(full / raw);
        if (gzip is { } g)
        {
            Gzip.Add(g);
            GzipRatio.Add(g / raw);
        }
    }
}
