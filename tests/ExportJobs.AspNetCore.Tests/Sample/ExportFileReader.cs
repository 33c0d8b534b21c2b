using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using CsvHelper;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>Reads an exported file back with independent readers into one JSON object per record (CSV and XML cells as text).</summary>
internal static class ExportFileReader
{
    public static List<JsonObject> Read(string format, string path)
    {
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path);
        return format switch
        {
            "csv" => Csv(stream),
            "json" => JsonDocument.Parse(stream).RootElement.EnumerateArray().Select(e => JsonNode.Parse(e.GetRawText())!.AsObject()).ToList(),
            "jsonl" => new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList(),
            "xml" => Xml(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    private static List<JsonObject> Csv(Stream stream)
    {
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

            rows.Add(new JsonObject(header.Select((h, i) => KeyValuePair.Create(h, (JsonNode?)cells[i]))));
        }

        return rows;
    }

    private static List<JsonObject> Xml(Stream stream)
    {
        using var reader = XmlReader.Create(stream);
        var rows = new List<JsonObject>();
        JsonObject? current = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 1)
            {
                current = [];
                rows.Add(current);
            }
            else if (reader.Depth == 2)
            {
                var name = XmlConvert.DecodeName(reader.LocalName);
                var nil = reader.GetAttribute("nil", "http://www.w3.org/2001/XMLSchema-instance") == "true";
                var structured = reader.GetAttribute("type") is not null;
                current![name] = nil ? null : structured ? reader.ReadInnerXml() : reader.ReadElementContentAsString();
            }
        }

        return rows;
    }
}
