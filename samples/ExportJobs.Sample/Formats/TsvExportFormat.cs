using ExportJobs.Extensibility;

namespace ExportJobs.Sample.Formats;

/// <summary>
/// How a host adds its own format: tab-separated values, registered with <c>AddFormat&lt;TsvExportFormat&gt;("tsv")</c>.
/// Tabs, CR, LF and backslashes in values are escaped as <c>\t</c>, <c>\r</c>, <c>\n</c> and <c>\\</c>.
/// </summary>
public sealed class TsvExportFormat : IExportFormat
{
    /// <summary>The format name jobs use.</summary>
    public const string Name = "tsv";

    /// <inheritdoc/>
    public string ContentType => "text/tab-separated-values; charset=utf-8";

    /// <inheritdoc/>
    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context) => new TsvExportWriter(output, context);
}
