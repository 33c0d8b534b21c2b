using System.Text.Encodings.Web;
using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Json;

/// <summary>Writes one record as a JSON object; shared by the json and jsonl formats.</summary>
internal sealed class JsonRecordWriter
{
    /// <summary>Leaves non-ASCII text readable; the output is a data file, never embedded in HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText SchemaId = JsonEncodedText.Encode("schemaId");
    private static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parentId");
    private static readonly JsonEncodedText CatalogIds = JsonEncodedText.Encode("catalogIds");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private readonly JsonEncodedText[] _names;

    public JsonRecordWriter(ExportFormatContext context) =>
        _names = context.Columns.Select(c => JsonEncodedText.Encode(c.Code, WriterOptions.Encoder)).ToArray();

    public void Write(Utf8JsonWriter writer, ExportRow row)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, row.Id);
        writer.WriteString(SchemaId, row.SchemaId);
        writer.WriteString(ParentId, row.ParentId);
        writer.WriteStartArray(CatalogIds);
        for (var i = 0; i < row.CatalogIds.Count; i++)
        {
            writer.WriteStringValue(row.CatalogIds[i]);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(UpdatedAt);
        ExportValues.WriteJsonDate(writer, row.UpdatedAt);
        var values = row.Values;
        for (var i = 0; i < _names.Length; i++)
        {
            writer.WritePropertyName(_names[i]);
            ExportValues.WriteJson(writer, values[i]);
        }

        writer.WriteEndObject();
    }
}
