using System.Collections;
using System.Globalization;
using System.Xml;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Xml;

/// <summary>
/// Writes <c>&lt;record&gt;</c> elements: one child element per field (<see cref="ExportFormatContext.Fields"/>). Names that are not valid XML
/// names are encoded with <see cref="XmlConvert.EncodeLocalName"/> (<c>1st price</c> becomes <c>_x0031_st_x0020_price</c>;
/// <see cref="XmlConvert.DecodeName"/> reads them back). Arrays carry <c>type="array"</c> with <c>&lt;item&gt;</c>
/// children, objects <c>type="object"</c>, and null is <c>xsi:nil="true"</c>.
/// </summary>
/// <remarks>
/// The bytes are those of an <see cref="XmlWriter"/> with <see cref="XmlExportFormat.WriterSettings"/> making the same
/// calls (start element, <c>xsi:nil</c> or <c>type</c> attribute, <c>WriteString</c>, full end element), written by
/// <see cref="XmlUtf8Output"/> straight into the spool stream's chunks.
/// </remarks>
internal sealed class XmlExportWriter : ExportFormatWriter
{
    private const int MaxCachedNames = 256;
    private readonly XmlUtf8Output _out;
    private readonly string[] _fieldNames;
    private byte[][]? _names;
    private readonly char[] _scratch = new char[64];
    private readonly Dictionary<string, byte[]> _encodedNames = new(StringComparer.Ordinal);
    private static readonly byte[] ItemName = "item"u8.ToArray();

    public XmlExportWriter(Stream output, ExportFormatContext context)
    {
        _out = new XmlUtf8Output(output);
        _fieldNames = context.Fields.Select(f => XmlConvert.EncodeLocalName(f.Name)!).ToArray();
    }

    public override ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        _out.Raw("<?xml version=\"1.0\" encoding=\"utf-8\"?><records xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"u8);
        _out.Commit();
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested(); // the writer writes synchronously and never sees the token
        // Checked on the first record, where XmlWriter would throw for a name it cannot write.
        var names = _names ??= [.. _fieldNames.Select(XmlUtf8Output.NameBytes)];
        var output = _out;
        output.Raw("<record>"u8);
        var values = row.ValueArray;
        for (var i = 0; i < names.Length; i++)
        {
            WriteElement(names[i], values[i]);
        }

        output.Raw("</record>\n"u8);
        output.Commit();
        return output.ShouldFlush ? output.FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public override ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _out.Raw("</records>"u8);
        return _out.FlushAsync(cancellationToken);
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

    /// <summary>An object member's element name, encoded and checked once per distinct name (up to <see cref="MaxCachedNames"/>).</summary>
    private byte[] EncodeName(string name)
    {
        if (_encodedNames.TryGetValue(name, out var encoded))
        {
            return encoded;
        }

        encoded = XmlUtf8Output.NameBytes(XmlConvert.EncodeLocalName(name)!);
        if (_encodedNames.Count < MaxCachedNames)
        {
            _encodedNames[name] = encoded;
        }

        return encoded;
    }

    private void StartElement(byte[] name)
    {
        _out.Raw((byte)'<');
        _out.Raw(name);
    }

    private void EndElement(byte[] name)
    {
        _out.Raw("</"u8);
        _out.Raw(name);
        _out.Raw((byte)'>');
    }

    private void WriteElement(byte[] name, object? value)
    {
        var output = _out;
        StartElement(name);
        switch (value)
        {
            case null:
                output.Raw(" xsi:nil=\"true\" />"u8);
                return;
            case string s:
                output.Raw((byte)'>');
                output.Text(XmlText.Sanitize(s));
                break;
            case bool b:
                output.Raw(b ? ">true"u8 : ">false"u8);
                break;
            case ISpanFormattable f when f.TryFormat(_scratch, out var written, value is DateTimeOffset or DateTime or DateOnly ? "O" : default, CultureInfo.InvariantCulture):
                output.Raw((byte)'>');
                output.Text(_scratch.AsSpan(0, written));
                break;
            default:
                WriteOther(value);
                break;
        }

        EndElement(name);
    }

    private void WriteOther(object value)
    {
        var output = _out;
        switch (value)
        {
            // The common array and object types, without an enumerator allocated per value; the same output as below.
            case IReadOnlyList<object?> items and not IDictionary and not IReadOnlyDictionary<string, object?>:
                output.Raw(" type=\"array\">"u8);
                for (var i = 0; i < items.Count; i++)
                {
                    WriteElement(ItemName, items[i]);
                }

                return;
            case Dictionary<string, object?> map:
                output.Raw(" type=\"object\">"u8);
                foreach (var (name, member) in map)
                {
                    WriteElement(EncodeName(name), member);
                }

                return;
        }

        switch (ExportValues.Classify(value))
        {
            case ExportValueKind.Array:
                output.Raw(" type=\"array\">"u8);
                foreach (var item in ExportValues.GetItems(value))
                {
                    WriteElement(ItemName, item);
                }

                break;
            case ExportValueKind.Map:
                output.Raw(" type=\"object\">"u8);
                foreach (var (name, member) in ExportValues.GetMembers(value))
                {
                    WriteElement(EncodeName(name), member);
                }

                break;
            default:
                output.Raw((byte)'>');
                output.Text(XmlText.Sanitize(ExportValues.FormatScalar(value)!));
                break;
        }
    }
}
