using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ExportJobs.Benchmarks.Export;

/// <summary>Arrays and objects as JSON text for a cell or a string column, through one reused <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonText : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public JsonText() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public string Of(object value)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        RawSerializers.WriteJsonValue(_writer, value);
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();
}
