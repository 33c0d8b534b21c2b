using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Json;

/// <summary>Streams a JSON array: <c>[</c>, one object per record, <c>]</c>, flushing whenever its buffer fills.</summary>
internal sealed class JsonExportWriter(Stream output, ExportFormatContext context) : ExportFormatWriter
{
    private const int FlushThreshold = 32 * 1024;
    private readonly Utf8JsonWriter _writer = new(output, JsonRecordWriter.WriterOptions);
    private readonly JsonRecordWriter _records = new(context);

    public override ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        _writer.WriteStartArray();
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        _records.Write(_writer, row);
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
