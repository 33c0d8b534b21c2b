using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using CsvHelper;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The baseline: each serializer alone, writing the same rows (the demo records, flattened to seg-en, record fields
/// first) to a <see cref="CountingStream"/> (discards the bytes, counts them), in a plain loop with no pipeline, spool
/// file, hashing or delivery. Record <c>i</c> comes from <c>records(i)</c>: the pre-generated pool, or generated on
/// the fly with <c>--generate</c>. <see cref="Run"/> returns the bytes written, to compare with the full side's file.
/// </summary>
internal static class RawSerializers
{
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    internal static readonly string[] Fields = ["id", "schemaId", "parentId", "catalogIds", "updatedAt"];

    public static long Run(string format, int count, Func<int, ExportRecord> records) => format switch
    {
        "csv" => Csv(count, records),
        "json" => Json(count, records, lines: false),
        "jsonl" => Json(count, records, lines: true),
        "xml" => Xml(count, records),
        "xlsx" => RawXlsx.Run(count, records),
        "parquet" => RawParquet.Run(count, records),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static readonly string ScopeDimension = Harness.Scope.Keys.Single();
    private static readonly string ScopeSegment = Harness.Scope.Values.Single();

    // The scoped value as a hand-written exporter reads it: two dictionary lookups, none of the library's code (its
    // DimensionalValue.Flatten is what the full side pays for, so the raw side must not pay it too).
    internal static object? Flat(ExportRecord record, string code)
    {
        if (!record.Attributes.TryGetValue(code, out var v) || v is not DimensionalValue d)
        {
            return v;
        }

        return d.Dimensions.TryGetValue(ScopeDimension, out var segments) ? (segments.TryGetValue(ScopeSegment, out var value) ? value : null) : d;
    }

    private static void WriteJsonDate(Utf8JsonWriter json, DateTimeOffset value)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var written, "O", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteStringValue(text[..written]);
    }

    private static long Csv(int count, Func<int, ExportRecord> records)
    {
        var output = new CountingStream();
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { TrueValue = "true", FalseValue = "false" }, leaveOpen: true);
        var buffer = new ArrayBufferWriter<byte>(256);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        csv.WriteHeader(Fields.Concat(DemoCatalog.Columns.Select(c => c.Code)).ToArray());
        for (var i = 0; i < count; i++)
        {
            WriteCsvRecord(csv, buffer, json, records(i));
        }

        csv.Flush();
        return output.Length;
    }

    // One method per row, as in the json, xlsx and parquet loops: a loop body the JIT optimises like the library's
    // per-record calls (a long loop in a method called once runs in on-stack-replaced code, slower than tier-1).
    private static void WriteCsvRecord(CsvWriter csv, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, ExportRecord r)
    {
        csv.WriteField(r.Id);
        csv.WriteField(r.SchemaId);
        csv.WriteField(r.ParentId);
        WriteJsonCell(csv, buffer, json, r.CatalogIds);
        csv.WriteField(r.UpdatedAt, default);
        foreach (var column in DemoCatalog.Columns)
        {
            switch (Flat(r, column.Code))
            {
                case null: csv.WriteField((string?)null); break;
                case string s: csv.WriteField(s); break;
                case decimal m: csv.WriteField(m, default); break;
                case int n: csv.WriteField(n, default); break;
                case double x: csv.WriteField(x, default); break;
                case bool b: csv.WriteField(b); break;
                case DateOnly d: csv.WriteField(d, default); break;
                case var other: WriteJsonCell(csv, buffer, json, other); break;
            }
        }

        csv.EndRecord();
    }

    private static void WriteJsonCell(CsvWriter csv, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, object value)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        WriteJsonValue(json, value);
        json.Flush();
        csv.WriteField(buffer.WrittenSpan);
    }

    // Same writer set-up as the library's json and jsonl writers: the same options, the array streamed through one
    // Utf8JsonWriter over the stream and flushed past 32 KB pending, the lines built in a buffer handed on past 32 KB.
    private const int FlushThreshold = 32 * 1024;
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long Json(int count, Func<int, ExportRecord> records, bool lines) => lines ? JsonLines(count, records) : JsonArray(count, records);

    private static long JsonArray(int count, Func<int, ExportRecord> records)
    {
        var names = DemoCatalog.Columns.Select(c => JsonEncodedText.Encode(c.Code, JsonOptions.Encoder)).ToArray();
        var output = new CountingStream();
        using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            WriteJsonRecord(json, records(i), names);
            if (json.BytesPending > FlushThreshold)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.Flush();
        return output.Length;
    }

    private static long JsonLines(int count, Func<int, ExportRecord> records)
    {
        var names = DemoCatalog.Columns.Select(c => JsonEncodedText.Encode(c.Code, JsonOptions.Encoder)).ToArray();
        var output = new CountingStream();
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        for (var i = 0; i < count; i++)
        {
            WriteJsonRecord(json, records(i), names);
            json.Flush();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            json.Reset(buffer);
            if (buffer.WrittenCount > FlushThreshold)
            {
                output.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        output.Write(buffer.WrittenSpan);
        return output.Length;
    }

    private static void WriteJsonRecord(Utf8JsonWriter json, ExportRecord r, JsonEncodedText[] names)
    {
        json.WriteStartObject();
        json.WriteString("id", r.Id);
        json.WriteString("schemaId", r.SchemaId);
        json.WriteString("parentId", r.ParentId);
        json.WritePropertyName("catalogIds");
        WriteJsonValue(json, r.CatalogIds);
        json.WritePropertyName("updatedAt");
        WriteJsonDate(json, r.UpdatedAt);
        for (var c = 0; c < names.Length; c++)
        {
            json.WritePropertyName(names[c]);
            WriteJsonValue(json, Flat(r, DemoCatalog.Columns[c].Code));
        }

        json.WriteEndObject();
    }

    internal static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case decimal m: json.WriteNumberValue(m); break;
            case int n: json.WriteNumberValue(n); break;
            case double x: json.WriteNumberValue(x); break;
            case bool b: json.WriteBooleanValue(b); break;
            case DateOnly d:
                Span<char> day = stackalloc char[16];
                d.TryFormat(day, out var length, "O", System.Globalization.CultureInfo.InvariantCulture);
                json.WriteStringValue(day[..length]);
                break;
            case string[] texts:
                json.WriteStartArray();
                foreach (var text in texts)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                break;
            case Dictionary<string, object?> members:
                json.WriteStartObject();
                foreach (var (k, v) in members)
                {
                    json.WritePropertyName(k);
                    WriteJsonValue(json, v);
                }

                json.WriteEndObject();
                break;
            case IReadOnlyDictionary<string, object?> map:
                json.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    json.WritePropertyName(k);
                    WriteJsonValue(json, v);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJsonValue(json, item);
                }

                json.WriteEndArray();
                break;
        }
    }

    [ThreadStatic]
    private static char[]? _xmlScratch;

    private static char[] XmlScratch => _xmlScratch ??= new char[64];

    private static long Xml(int count, Func<int, ExportRecord> records)
    {
        var output = new CountingStream();
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.Entitize });
        var names = DemoCatalog.Columns.Select(c => XmlConvert.EncodeLocalName(c.Code)!).ToArray();
        xml.WriteStartDocument();
        xml.WriteStartElement("records");
        xml.WriteAttributeString("xmlns", "xsi", null, Xsi);
        xml.WriteWhitespace("\n");
        for (var i = 0; i < count; i++)
        {
            WriteXmlRecord(xml, names, records(i));
        }

        xml.WriteEndElement();
        xml.Flush();
        return output.Length;
    }

    private static void WriteXmlRecord(XmlWriter xml, string[] names, ExportRecord r)
    {
        xml.WriteStartElement("record");
        WriteXmlValue(xml, "id", r.Id);
        WriteXmlValue(xml, "schemaId", r.SchemaId);
        WriteXmlValue(xml, "parentId", r.ParentId);
        WriteXmlValue(xml, "catalogIds", r.CatalogIds);
        xml.WriteStartElement("updatedAt");
        var scratch = XmlScratch;
        r.UpdatedAt.TryFormat(scratch, out var written, "O", System.Globalization.CultureInfo.InvariantCulture);
        xml.WriteChars(scratch, 0, written);
        xml.WriteFullEndElement();
        for (var c = 0; c < names.Length; c++)
        {
            WriteXmlValue(xml, names[c], Flat(r, DemoCatalog.Columns[c].Code));
        }

        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
    }

    private static void WriteXmlValue(XmlWriter xml, string name, object? value)
    {
        xml.WriteStartElement(name);
        switch (value)
        {
            case null:
                xml.WriteAttributeString("xsi", "nil", Xsi, "true");
                xml.WriteEndElement();
                return;
            case string s: xml.WriteString(s); break;
            case string[] texts:
                xml.WriteAttributeString("type", "array");
                foreach (var text in texts)
                {
                    WriteXmlValue(xml, "item", text);
                }

                break;
            case Dictionary<string, object?> members:
                xml.WriteAttributeString("type", "object");
                foreach (var (k, v) in members)
                {
                    WriteXmlValue(xml, k, v);
                }

                break;
            case IReadOnlyDictionary<string, object?> map:
                xml.WriteAttributeString("type", "object");
                foreach (var (k, v) in map)
                {
                    WriteXmlValue(xml, XmlConvert.EncodeLocalName(k)!, v);
                }

                break;
            case System.Collections.IEnumerable items:
                xml.WriteAttributeString("type", "array");
                foreach (var item in items)
                {
                    WriteXmlValue(xml, "item", item);
                }

                break;
            case bool b: xml.WriteString(b ? "true" : "false"); break;
            case ISpanFormattable f:
                var scratch = XmlScratch;
                f.TryFormat(scratch, out var written, value is DateOnly ? "O" : default, System.Globalization.CultureInfo.InvariantCulture);
                xml.WriteChars(scratch, 0, written);
                break;
        }

        xml.WriteFullEndElement();
    }
}
