using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Csv;

/// <summary>RFC 4180 CSV, UTF-8 without BOM, with a header row.</summary>
internal sealed class CsvExportFormat : IExportFormat
{
    public const string Name = "csv";

    public string FileExtension => "csv";

    public string ContentType => "text/csv; charset=utf-8";
}
