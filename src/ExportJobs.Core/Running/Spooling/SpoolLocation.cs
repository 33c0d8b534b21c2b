using Microsoft.Extensions.Logging;

namespace ExportJobs.Running.Spooling;

/// <summary>Where a run's spool file lives: <c>{SpoolDirectory or temp/exportjobs-spool}/{runId}.spool</c>.</summary>
/// <remarks>Shared by the runner (which writes it) and crash recovery (which removes what a dead host left behind).</remarks>
internal static class SpoolLocation
{
    public static string Folder(ExportJobsOptions options) =>
        options.SpoolDirectory is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "exportjobs-spool");

    public static string PathFor(ExportJobsOptions options, string runId) => Path.Combine(Folder(options), $"{runId}.spool");

    /// <summary>
    /// The spool file of a run's part: <c>{runId}.spool</c> for part 1 (the one file of a run without split),
    /// <c>{runId}.{part}.spool</c> for the others, <c>{runId}.manifest.spool</c> for its manifest (<paramref name="part"/> null).
    /// </summary>
    public static string PathFor(ExportJobsOptions options, string runId, int? part) => part switch
    {
        1 => PathFor(options, runId),
        { } number => Path.Combine(Folder(options), $"{runId}.{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}.spool"),
        null => Path.Combine(Folder(options), $"{runId}.manifest.spool"),
    };

    /// <summary>Removes every spool file of a run (its parts and manifest) that is there; errors are logged, never thrown.</summary>
    /// <param name="options">Where spool files are.</param>
    /// <param name="runId">The run.</param>
    /// <param name="logger">Where to report a file left behind.</param>
    public static void DeleteRun(ExportJobsOptions options, string runId, ILogger logger)
    {
        Delete(PathFor(options, runId), logger);
        var folder = Folder(options);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder, $"{runId}.*.spool"))
        {
            Delete(path, logger);
        }
    }

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
