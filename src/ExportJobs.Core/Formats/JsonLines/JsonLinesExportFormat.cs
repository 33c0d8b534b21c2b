using ExportJobs.Extensibility;

namespace ExportJobs.Formats.JsonLines;

/// <summary>One JSON object per line, <c>\n</c> line endings.</summary>
internal sealed class JsonLinesExportFormat : IExportFormat
{
    public const string Name = "jsonl";

    public string ContentType => "application/jsonl; charset=utf-8";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new JsonLinesExportWriter(output, context);
    }
}
