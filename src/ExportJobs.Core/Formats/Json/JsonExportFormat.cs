using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Json;

/// <summary>One UTF-8 JSON array of record objects.</summary>
internal sealed class JsonExportFormat : IExportFormat
{
    public const string Name = "json";

    public string ContentType => "application/json; charset=utf-8";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new JsonExportWriter(output, context);
    }
}
