using Microsoft.Extensions.Logging;

namespace ExportJobs.Running.Spooling;

/// <summary>Where a run's spool file lives: <c>{SpoolDirectory or temp/exportjobs-spool}/{runId}.spool</c>.</summary>
/// <remarks>Shared by the runner (which writes it) and crash recovery (which removes what a dead host left behind).</remarks>
internal static class SpoolLocation
{
    public static string Folder(ExportJobsOptions options) =>
        options.SpoolDirectory is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "exportjobs-spool");

    public static string PathFor(ExportJobsOptions options, string runId) => Path.Combine(Folder(options), $"{runId}.spool");

    /// <summary>Removes a spool file if it is there; a file that cannot be removed is logged as an error, never thrown.</summary>
    /// <param name="path">The spool file.</param>
    /// <param name="logger">Where to report a file left behind.</param>
    public static void Delete(string path, ILogger logger)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("The spool file {Path} could not be removed: {Reason}", path, ex.Message);
        }
    }
}
