namespace ExportJobs.Extensibility;

/// <summary>
/// An output format. The built-in ones are <c>csv</c>, <c>json</c>, <c>jsonl</c>, <c>xml</c> and <c>xlsx</c>; register another with
/// <c>builder.AddFormat&lt;T&gt;("name")</c> and the API accepts <c>"format": "name"</c>.
/// </summary>
/// <remarks>
/// A format is a singleton; each run gets its own <see cref="ExportFormatWriter"/> from <see cref="CreateWriter"/>.
/// Members added to this interface later come with default implementations.
/// </remarks>
public interface IExportFormat
{
    /// <summary>The MIME type of the output, for example <c>text/csv; charset=utf-8</c>.</summary>
    string ContentType { get; }

    /// <summary>
    /// Whether the job's <c>compress</c> (gzip) may be used with this format; <see langword="false"/> for formats that
    /// are compressed already (xlsx is a zip file), which makes <c>"compress": true</c> a validation error.
    /// </summary>
    bool SupportsCompression => true;

    /// <summary>
    /// Whether the output is UTF-8 text; <see langword="false"/> for binary formats (xlsx, Parquet), whose preview shows
    /// the same rows written as CSV instead.
    /// </summary>
    bool IsText => true;

    /// <summary>Creates the writer of one run.</summary>
    /// <param name="output">
    /// Where the bytes go. The library spools them to a file (and compresses them on another thread when the job asks for
    /// gzip); writing to it is cheap and never blocks for long. The writer must not close it.
    /// </param>
    /// <param name="context">The run's output fields (<see cref="ExportFormatContext.Fields"/>) and job.</param>
    ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context);
}
