using System.Buffers;
using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Json;

/// <summary>Streams a JSON array: <c>[</c>, one object per record, <c>]</c>, flushing whenever its buffer fills.</summary>
/// <remarks>
/// When the output is also an <see cref="IBufferWriter{T}"/> (the library's spool stream) the JSON is written straight
/// into its buffers and committed after each record; over any other stream it goes through the writer's own buffer,
/// flushed past <see cref="FlushThreshold"/>. The bytes are the same.
/// </remarks>
internal sealed class JsonExportWriter : ExportFormatWriter
{
    private const int FlushThreshold = 32 * 1024;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonRecordWriter _records;
    private readonly bool _direct;

    public JsonExportWriter(Stream output, ExportFormatContext context)
    {
        _records = new JsonRecordWriter(context);
        if (output is IBufferWriter<byte> buffers)
        {
            _writer = new Utf8JsonWriter(buffers, JsonRecordWriter.WriterOptions);
            _direct = true;
        }
        else
        {
            _writer = new Utf8JsonWriter(output, JsonRecordWriter.WriterOptions);
        }
    }

    public override ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        _writer.WriteStartArray();
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        _records.Write(_writer, row);
        if (_direct)
        {
            // Commits the record to the output's buffer: no copy, and nothing of it is held back past this call.
            _writer.Flush();
            return ValueTask.CompletedTask;
        }

        return _writer.BytesPending > FlushThreshold ? new ValueTask(_writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        _writer.WriteEndArray();
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken) => new(_writer.FlushAsync(cancellationToken));

    protected override async ValueTask DisposeAsyncCore()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
