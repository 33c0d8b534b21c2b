using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Parquet;

/// <summary>
/// Text for a value of a string column: scalars as invariant text, arrays and objects as JSON, written through one
/// reused <see cref="Utf8JsonWriter"/> per export (no writer or buffer allocated per value).
/// </summary>
internal sealed class ParquetText : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public ParquetText() =>
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => ExportValues.Classify(value) is ExportValueKind.Array or ExportValueKind.Map ? Json(value) : ExportValues.FormatScalar(value),
    };

    public void Dispose() => _writer.Dispose();

    private string Json(object value)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ExportValues.WriteJson(_writer, value);
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
