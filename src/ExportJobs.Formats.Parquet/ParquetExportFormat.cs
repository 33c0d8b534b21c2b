using ExportJobs.Extensibility;
using Microsoft.Extensions.Options;

namespace ExportJobs.Formats.Parquet;

/// <summary>Apache Parquet, written with Parquet.Net: one typed column per field, row groups capped by bytes.</summary>
internal sealed class ParquetExportFormat(IOptionsMonitor<ParquetFormatOptions> options) : IExportFormat
{
    public const string Name = "parquet";

    public string ContentType => "application/vnd.apache.parquet";

    /// <summary>Parquet compresses its pages itself (Snappy); gzip on top is allowed but gains little.</summary>
    public bool SupportsCompression => true;

    public bool IsText => false;

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new ParquetExportWriter(output, context, options.CurrentValue.RowGroupBytes);
    }
}
