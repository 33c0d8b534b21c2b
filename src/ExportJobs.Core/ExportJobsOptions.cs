namespace ExportJobs;

/// <summary>Options of the ExportJobs library; bind them from configuration or set them in <c>AddExportJobs(o => ...)</c>.</summary>
public sealed class ExportJobsOptions
{
    /// <summary>The configuration section options bind from by default: <c>ExportJobs</c>.</summary>
    public const string SectionName = "ExportJobs";

    /// <summary>IANA time zone id for jobs that do not set <c>timeZone</c>; UTC when unset.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Default for <c>GET /export-jobs/{id}/runs</c> without <c>limit</c>.</summary>
    public int DefaultRunListLimit { get; set; } = 50;

    /// <summary>Largest accepted <c>limit</c> for run listings.</summary>
    public int MaxRunListLimit { get; set; } = 1000;

    /// <summary>Folder for spool files of running exports; the system temp folder when unset.</summary>
    public string? SpoolDirectory { get; set; }
}
