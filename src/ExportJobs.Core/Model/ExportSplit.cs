namespace ExportJobs.Model;

/// <summary>
/// How a job's output is split into parts (<c>split: { maxRecords, maxBytes }</c>): a new part starts before a record
/// that would take the current part over either limit. Each part is a complete file of its format.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="MaxBytes"/> counts delivered bytes, after gzip when the job compresses: before each record the writer is
/// flushed (and with gzip the compressor sync-flushed when the part comes close) so that the part's size is known, and
/// the part is cut when the record, plus what the format writes after the last record, could take it over the limit.
/// A single record larger than the limit on its own (with the format's header and footer) is written as a part of its
/// own, which is then the only part over the limit.
/// </para>
/// <para>
/// <see cref="MaxBytes"/> needs a text format whose writer flushes on request (csv, json, jsonl, xml and text plugins
/// that override <see cref="Extensibility.ExportFormatWriter.FlushAsync"/>); binary formats (xlsx, Parquet) split by
/// <see cref="MaxRecords"/> only. xlsx is never split automatically: a part over its sheet's row limit fails the run
/// with an error that suggests <c>split.maxRecords</c>.
/// </para>
/// </remarks>
public sealed record ExportSplit
{
    /// <summary>The smallest <see cref="MaxBytes"/> accepted: 1 KiB.</summary>
    public const long MinBytes = 1024;

    /// <summary>At most this many records per part; <see langword="null"/> for no record limit. At least 1.</summary>
    public long? MaxRecords { get; init; }

    /// <summary>At most this many delivered bytes (after gzip) per part; <see langword="null"/> for no size limit. At least <see cref="MinBytes"/>.</summary>
    public long? MaxBytes { get; init; }
}
