namespace ExportJobs.Benchmarks.Destinations;

/// <summary>What one large export measured.</summary>
internal sealed record LargeExportResult(
    string Target,
    long Records,
    long FileBytes,
    double Seconds,
    long BaselineRssBytes,
    long PeakRssBytes,
    long PeakManagedBytes,
    bool Verified);
