namespace ExportJobs.Running.Spooling;

/// <summary>Where a run's spool file lives: <c>{SpoolDirectory or temp/exportjobs-spool}/{runId}.spool</c>.</summary>
/// <remarks>Shared by the runner (which writes it) and crash recovery (which removes what a dead host left behind).</remarks>
internal static class SpoolLocation
{
    public static string Folder(ExportJobsOptions options) =>
        options.SpoolDirectory is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "exportjobs-spool");

    public static string PathFor(ExportJobsOptions options, string runId) => Path.Combine(Folder(options), $"{runId}.spool");
}
