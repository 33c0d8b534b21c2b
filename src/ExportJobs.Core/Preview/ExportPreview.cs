namespace ExportJobs.Preview;

/// <summary>What a job would write: the first records exactly as the format writes them, the file name and the next run times.</summary>
/// <param name="Content">The file's text for the first <paramref name="RecordCount"/> records, before compression (a complete,
/// well-formed file: a CSV header and rows, a JSON array, JSON lines, an XML document).</param>
/// <param name="RecordCount">How many records <paramref name="Content"/> holds (at most the requested limit).</param>
/// <param name="ContentType">The content type of <paramref name="Content"/>: the format's, or CSV's for a binary format (xlsx, Parquet), whose preview shows the same rows as CSV.</param>
/// <param name="FileName">The file name the next run would deliver (rendered for the next run time, or now).</param>
/// <param name="Compressed">Whether the real file is gzip-compressed (the preview is not).</param>
/// <param name="TimeZone">The time zone the schedule runs in.</param>
/// <param name="NextRuns">The next five run times.</param>
public sealed record ExportPreview(
    string Content,
    int RecordCount,
    string ContentType,
    string FileName,
    bool Compressed,
    string TimeZone,
    IReadOnlyList<DateTimeOffset> NextRuns);
