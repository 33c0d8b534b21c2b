using System.Text;
using System.Xml;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Xml;

/// <summary>A <c>&lt;records&gt;</c> document with one <c>&lt;record&gt;</c> per record.</summary>
internal sealed class XmlExportFormat : IExportFormat
{
    public const string Name = "xml";

    /// <summary>
    /// The <see cref="XmlWriter"/> settings whose bytes the format writes (<see cref="XmlExportWriter"/> writes them
    /// itself, <see cref="XmlUtf8Output"/> checks names and unusual text with a scratch writer of these settings).
    /// </summary>
    internal static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
        Async = false,
    };

    /// <summary><see cref="WriterSettings"/> for a fragment (no declaration): the scratch writer of element text.</summary>
    internal static readonly XmlWriterSettings FragmentSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
        Async = false,
        ConformanceLevel = ConformanceLevel.Fragment,
        OmitXmlDeclaration = true,
    };

    public string ContentType => "application/xml; charset=utf-8";

    public ExportFormatWriter CreateWriter(Stream output, ExportFormatContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        return new XmlExportWriter(output, context);
    }
}
