using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml;
using CsvHelper;
using Xunit;

namespace ExportJobs.Testing;

/// <summary>Reads export files back with independent readers (CsvHelper's reader, JsonNode/JsonDocument, XmlReader).</summary>
public static class OutputReaders
{
    public static Stream Open(string path) =>
        path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path);

    public static List<JsonObject> Read(string format, string path) => format switch
    {
        "csv" => ReadCsv(path),
        "json" => ReadJson(path),
        "jsonl" => ReadJsonLines(path),
        "xml" => ReadXml(path),
        "xlsx" => ReadXlsx(path),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>xlsx rows by header (read with the Open XML SDK): text and dates as strings, numbers, booleans, empty cells as null.</summary>
    public static List<JsonObject> ReadXlsx(string path)
    {
        var sheet = XlsxReader.Read(path);
        var header = sheet.Rows[0].Select(c => c![2..]).ToList();
        return sheet.Rows.Skip(1).Select(row => new JsonObject(header.Select((name, i) => KeyValuePair.Create(name, Cell(i < row.Count ? row[i] : null))))).ToList();

        static JsonNode? Cell(string? cell) => cell switch
        {
            null => null,
            ['n', ':', ..] => JsonValue.Create(double.Parse(cell[2..], System.Globalization.CultureInfo.InvariantCulture)),
            ['b', ':', ..] => JsonValue.Create(cell == "b:true"),
            _ => JsonValue.Create(cell[2..]),
        };
    }

    /// <summary>CSV cells as text; cells that are arrays or objects parsed from their JSON text.</summary>
    public static List<JsonObject> ReadCsv(string path)
    {
        using var stream = Open(path);
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',', HasHeader = false });
        var rows = new List<JsonObject>();
        string[]? header = null;
        while (reader.Read())
        {
            var cells = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            if (header is null)
            {
                header = cells;
                continue;
            }

            var row = new JsonObject();
            for (var i = 0; i < header.Length; i++)
            {
                var cell = cells[i];
                row[header[i]] = cell.Length > 0 && cell[0] is '[' or '{' ? JsonNode.Parse(cell) : cell;
            }

            rows.Add(row);
        }

        return rows;
    }

    public static List<JsonObject> ReadJson(string path)
    {
        using var stream = Open(path);
        return JsonNode.Parse(stream)!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public static List<JsonObject> ReadJsonLines(string path)
    {
        using var reader = new StreamReader(Open(path));
        var rows = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(JsonNode.Parse(line)!.AsObject());
        }

        return rows;
    }

    public static List<JsonObject> ReadXml(string path)
    {
        using var stream = Open(path);
        using var reader = XmlReader.Create(stream);
        reader.MoveToContent();
        Assert.Equal("records", reader.LocalName);
        var rows = new List<JsonObject>();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                Assert.Equal("record", reader.LocalName);
                rows.Add(new JsonObject(Children(reader)));
            }
            else
            {
                reader.Read();
            }
        }

        return rows;
    }

    /// <summary>Reads the child elements of the current element, leaving the reader after its end tag.</summary>
    private static List<KeyValuePair<string, JsonNode?>> Children(XmlReader reader)
    {
        var children = new List<KeyValuePair<string, JsonNode?>>();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return children;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = XmlConvert.DecodeName(reader.LocalName);
                children.Add(KeyValuePair.Create(name, Value(reader)));
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return children;
    }

    private static JsonNode? Value(XmlReader reader)
    {
        if (reader.GetAttribute("nil", "http://www.w3.org/2001/XMLSchema-instance") == "true")
        {
            reader.Skip();
            return null;
        }

        return reader.GetAttribute("type") switch
        {
            "object" => new JsonObject(Children(reader)),
            "array" => new JsonArray(Children(reader).Select(c => c.Value).ToArray()),
            _ => reader.ReadElementContentAsString(),
        };
    }
}
