namespace ExportJobs.Formats.Parquet;

/// <summary>Settings of the <c>parquet</c> format (configuration section <c>ExportJobs:Parquet</c>).</summary>
public sealed class ParquetFormatOptions
{
    /// <summary>
    /// About how many bytes of values a row group holds before it is written (default 8 MiB). The writer buffers one
    /// row group in memory, so this bounds its memory whatever the record count; larger groups compress a little better.
    /// </summary>
    public int RowGroupBytes { get; set; } = 8 * 1024 * 1024;
}
