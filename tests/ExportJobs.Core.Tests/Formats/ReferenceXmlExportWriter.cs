using System.Collections;
using System.Xml;
using ExportJobs.Extensibility;

using ExportJobs.Formats;
using ExportJobs.Formats.Xml;

namespace ExportJobs.Core.Tests.Formats;

/// <summary>
/// The xml format's writer as it was before it wrote its own bytes: every call through <see cref="XmlWriter"/>. The
/// oracle of <see cref="XmlOutputTests"/>: the library's writer must give the same bytes (and the same exceptions).
/// Writes <c>&lt;record&gt;</c> elements: one child element per field (<see cref="ExportFormatContext.Fields"/>). Names that are not valid XML
/// names are encoded with <see cref="XmlConvert.EncodeLocalName"/> (<c>1st price</c> becomes <c>_x0031_st_x0020_price</c>;
/// <see cref="XmlConvert.DecodeName"/> reads them back). Arrays carry <c>type="array"</c> with <c>&lt;item&gt;</c>
/// children, objects <c>type="object"</c>, and null is <c>xsi:nil="true"</c>.
/// </summary>
internal sealed class ReferenceXmlExportWriter : ExportFormatWriter
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    private readonly XmlWriter _writer;
    private readonly string[] _names;
    private const int MaxCachedNames = 256;
    private readonly char[] _scratch = new char[64];
    private readonly Dictionary<string, string> _encodedNames = new(StringComparer.Ordinal);

    public ReferenceXmlExportWriter(Stream output, ExportFormatContext context)
    {
        _writer = XmlWriter.Create(output, XmlExportFormat.WriterSettings);
        _names = context.Fields.Select(f => XmlConvert.EncodeLocalName(f.Name)!).ToArray();
    }

    public override ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        _writer.WriteStartDocument();
        _writer.WriteStartElement("records");
        _writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
        _writer.WriteWhitespace("\n");
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested(); // the XmlWriter writes synchronously and never sees the token
        _writer.WriteStartElement("record");
        var values = row.Values;
        for (var i = 0; i < _names.Length; i++)
        {
            WriteElement(_names[i], values[i]);
        }

        _writer.WriteEndElement();
        _writer.WriteWhitespace("\n");
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Flush();
        return ValueTask.CompletedTask;
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _writer.Flush();
        return ValueTask.CompletedTask;
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _writer.Dispose();
        return base.DisposeAsyncCore();
    }

    /// <summary>An object member's element name, encoded once per distinct name (up to <see cref="MaxCachedNames"/>).</summary>
    private string EncodeName(string name)
    {
        if (_encodedNames.TryGetValue(name, out var encoded))
        {
            return encoded;
        }

        encoded = XmlConvert.EncodeLocalName(name)!;
        if (_encodedNames.Count < MaxCachedNames)
        {
            _encodedNames[name] = encoded;
        }

        return encoded;
    }

    private void WriteElement(string name, object? value)
    {
        _writer.WriteStartElement(name);
        WriteContent(value);
        if (value is null)
        {
            _writer.WriteEndElement();
        }
        else
        {
            _writer.WriteFullEndElement();
        }
    }

    private void WriteContent(object? value)
    {
        switch (value)
        {
            case null:
                _writer.WriteAttributeString("xsi", "nil", XsiNamespace, "true");
                break;
            case string s:
                _writer.WriteString(ExportJobs.Formats.Xml.XmlText.Sanitize(s));
                break;
            case bool b:
                _writer.WriteString(b ? "true" : "false");
                break;
            case ISpanFormattable f when f.TryFormat(_scratch, out var written, value is DateTimeOffset or DateTime or DateOnly ? "O" : default, System.Globalization.CultureInfo.InvariantCulture):
                _writer.WriteChars(_scratch, 0, written);
                break;
            default:
                WriteOther(value);
                break;
        }
    }

    private void WriteOther(object value)
    {
        switch (value)
        {
            // The common array and object types, without an enumerator allocated per value; the same output as below.
            case IReadOnlyList<object?> items and not IDictionary and not IReadOnlyDictionary<string, object?>:
                _writer.WriteAttributeString("type", "array");
                for (var i = 0; i < items.Count; i++)
                {
                    WriteElement("item", items[i]);
                }

                return;
            case Dictionary<string, object?> map:
                _writer.WriteAttributeString("type", "object");
                foreach (var (name, member) in map)
                {
                    WriteElement(EncodeName(name), member);
                }

                return;
        }

        switch (ExportValues.Classify(value))
        {
            case ExportValueKind.Array:
                _writer.WriteAttributeString("type", "array");
                foreach (var item in ExportValues.GetItems(value))
                {
                    WriteElement("item", item);
                }

                break;
            case ExportValueKind.Map:
                _writer.WriteAttributeString("type", "object");
                foreach (var (name, member) in ExportValues.GetMembers(value))
                {
                    WriteElement(EncodeName(name), member);
                }

                break;
            default:
                _writer.WriteString(ExportJobs.Formats.Xml.XmlText.Sanitize(ExportValues.FormatScalar(value)!));
                break;
        }
    }
}
