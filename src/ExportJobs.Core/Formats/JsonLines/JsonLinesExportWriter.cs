using System.Buffers;
using System.Text.Json;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Json;

namespace ExportJobs.Formats.JsonLines;

/// <summary>Writes one compact JSON object per record, each followed by <c>\n</c>, into a buffer it hands on when full.</summary>
internal sealed class JsonLinesExportWriter : ExportFormatWriter
{
    private const int FlushThreshold = 32 * 1024;
    private readonly Stream _output;
    private readonly JsonRecordWriter _records;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _writer;

    public JsonLinesExportWriter(Stream output, ExportFormatContext context)
    {
        _output = output;
        _records = new JsonRecordWriter(context);
        _writer = new Utf8JsonWriter(_buffer, JsonRecordWriter.WriterOptions);
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        _records.Write(_writer, row);
        _writer.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _writer.Reset(_buffer);
        return _buffer.WrittenCount > FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public override ValueTask WriteEndAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    protected override async ValueTask DisposeAsyncCore()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }
}
