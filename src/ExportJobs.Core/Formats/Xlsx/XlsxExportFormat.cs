using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Xlsx;

/// <summary>An Excel workbook with one sheet, streamed with SpreadCheetah.</summary>
internal sealed class XlsxExportFormat : IExportFormat
{
    public const string Name = "xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An xlsx file is a zip archive already: gzip on top is refused at validation.</summary>
    public bool SupportsCompression => false;

    public bool IsText => false;

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new XlsxExportWriter(output, context, XlsxLimits.MaxRows);
    }
}
