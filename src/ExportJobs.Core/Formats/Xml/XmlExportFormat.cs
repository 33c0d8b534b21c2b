using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Xml;

/// <summary>A <c>&lt;records&gt;</c> document with one <c>&lt;record&gt;</c> per record.</summary>
internal sealed class XmlExportFormat : IExportFormat
{
    public const string Name = "xml";

    public string FileExtension => "xml";

    public string ContentType => "application/xml; charset=utf-8";
}
