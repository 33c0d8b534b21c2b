namespace ExportJobs.Formats.Parquet;

/// <summary>Settings of the <c>parquet</c> format (configuration section <c>ExportJobs:Parquet</c>).</summary>
public sealed class ParquetFormatOptions
{
    /// <summary>
    /// About how many bytes of memory a row group's buffered values take before it is written (default 8 MiB; strings
    /// count with their object overhead). The writer buffers one row group in memory, so this bounds its memory whatever
    /// the record count; larger groups compress a little better.
    /// </summary>
    /// <remarks>
    /// Writing a row group (Parquet.Net encodes and compresses it) takes a few times this transiently: with the default,
    /// a 1,000,000-record export of the sample's demo records peaks about 30 MB above a 10,000-record one (see the
    /// export benchmark's README).
    /// </remarks>
    public int RowGroupBytes { get; set; } = 8 * 1024 * 1024;
}
