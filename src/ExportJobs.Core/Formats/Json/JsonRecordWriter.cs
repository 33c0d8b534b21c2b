using System.Text.Encodings.Web;
using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Json;

/// <summary>Writes one record as a JSON object; shared by the json and jsonl formats.</summary>
internal sealed class JsonRecordWriter
{
    /// <summary>Leaves non-ASCII text readable; the output is a data file, never embedded in HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly JsonEncodedText[] _names;

    public JsonRecordWriter(ExportFormatContext context) =>
        _names = context.Fields.Select(f => JsonEncodedText.Encode(f.Name, WriterOptions.Encoder)).ToArray();

    public void Write(Utf8JsonWriter writer, ExportRow row)
    {
        writer.WriteStartObject();
        var values = row.ValueArray;
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            ExportValues.WriteJsonValue(writer, values[i]);
        }

        writer.WriteEndObject();
    }
}
