using ExportJobs.Extensibility;

namespace MyFormat;

/// <summary>
/// One JSON object per line (newline-delimited JSON): <c>"format": "my-format"</c>. Replace the writer with your
/// format's; keep it streaming.
/// </summary>
public sealed class NdjsonExportFormat : IExportFormat
{
    /// <summary>The format name jobs use.</summary>
    public const string Name = "my-format";

    /// <inheritdoc/>
    public string ContentType => "application/x-ndjson; charset=utf-8";

    /// <inheritdoc/>
    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context) => new NdjsonExportWriter(output, context);
}
