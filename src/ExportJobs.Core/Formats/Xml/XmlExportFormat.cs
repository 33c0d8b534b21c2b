using System.Text;
using System.Xml;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Xml;

/// <summary>A <c>&lt;records&gt;</c> document with one <c>&lt;record&gt;</c> per record.</summary>
internal sealed class XmlExportFormat : IExportFormat
{
    public const string Name = "xml";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
        Async = false,
    };

    public string ContentType => "application/xml; charset=utf-8";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new XmlExportWriter(XmlWriter.Create(output, Settings), context);
    }
}
