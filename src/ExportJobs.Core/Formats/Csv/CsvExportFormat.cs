using CsvHelper;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Options;

namespace ExportJobs.Formats.Csv;

/// <summary>RFC 4180 CSV, UTF-8 without BOM, with a header row.</summary>
internal sealed class CsvExportFormat(IOptionsMonitor<ExportJobsOptions> options) : IExportFormat
{
    public const string Name = "csv";

    public string ContentType => "text/csv; charset=utf-8";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        var csvOptions = CsvWriterOptions.Default with
        {
            TrueValue = "true",
            FalseValue = "false",
            Injection = options.CurrentValue.CsvFormulaProtection ? CsvInjection.Escape : CsvInjection.None,
        };
        return new CsvExportWriter(CsvWriter.Create(output, csvOptions, leaveOpen: true), context);
    }
}
