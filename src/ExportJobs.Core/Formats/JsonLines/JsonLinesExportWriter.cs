using System.Buffers;
using System.Text.Json;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Json;

namespace ExportJobs.Formats.JsonLines;

/// <summary>Writes one compact JSON object per record, each followed by <c>\n</c>.</summary>
/// <remarks>
/// When the output is also an <see cref="IBufferWriter{T}"/> (the library's spool stream) the lines are written straight
/// into its buffers; over any other stream into a buffer of the writer's own, handed on past <see cref="FlushThreshold"/>.
/// The bytes are the same.
/// </remarks>
internal sealed class JsonLinesExportWriter : ExportFormatWriter
{
    private const int FlushThreshold = 32 * 1024;
    private readonly Stream _output;
    private readonly JsonRecordWriter _records;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly IBufferWriter<byte> _target;
    private readonly Utf8JsonWriter _writer;

    public JsonLinesExportWriter(Stream output, ExportFormatContext context)
    {
        _output = output;
        _records = new JsonRecordWriter(context);
        if (output is IBufferWriter<byte> direct)
        {
            _target = direct;
        }
        else
        {
            _buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
            _target = _buffer;
        }

        _writer = new Utf8JsonWriter(_target, JsonRecordWriter.WriterOptions);
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        _records.Write(_writer, row);
        _writer.Flush();
        _target.GetSpan(1)[0] = (byte)'\n';
        _target.Advance(1);
        _writer.Reset();
        return _buffer is not null && _buffer.WrittenCount > FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public override ValueTask WriteEndAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    protected override async ValueTask DisposeAsyncCore()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer is null)
        {
            return; // every line is in the output's buffers already
        }

        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }
}
