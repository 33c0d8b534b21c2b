using System.IO.Compression;

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

    /// <summary>How many runs may export at the same time in this process, across jobs; further runs wait. Default 2.</summary>
    /// <remarks>Each run uses about two threads while it exports (serializing, and compressing/writing), so keep it near the core count.</remarks>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>The gzip level for jobs with <c>compress: true</c>. Default <see cref="CompressionLevel.Optimal"/>; <see cref="CompressionLevel.Fastest"/> trades size for speed.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Optimal;

    /// <summary>
    /// Whether CSV text cells that start with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR get a leading <c>'</c> so that
    /// spreadsheets show them as text instead of running them as formulas. Default <see langword="false"/>: the data is
    /// written exactly. Numbers and dates are never changed.
    /// </summary>
    public bool CsvFormulaProtection { get; set; }
}
