using System.Text.Json;
using ExportJobs.Extensibility;
using ExportJobs.Formats;

namespace MyFormat;

/// <summary>
/// Writes each record as a JSON object (field names from <see cref="ExportFormatContext.Fields"/>, values with
/// <see cref="ExportValues.WriteJson"/>, the built-in formats' conventions) and a line feed, straight to the output
/// (which the library buffers), so memory stays flat however many records a run has.
/// </summary>
public sealed class NdjsonExportWriter(Stream output, ExportFormatContext context) : ExportFormatWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true });

    /// <inheritdoc/>
    public override async ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        _json.WriteStartObject();
        for (var i = 0; i < context.Fields.Count; i++)
        {
            _json.WritePropertyName(context.Fields[i].Name);
            ExportValues.WriteJson(_json, row.Values[i]);
        }

        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        _json.Reset();
        await output.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask DisposeAsyncCore()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
