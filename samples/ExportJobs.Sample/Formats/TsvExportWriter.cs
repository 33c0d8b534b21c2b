using System.Text;
using System.Text.Json;
using ExportJobs.Extensibility;
using ExportJobs.Formats;

namespace ExportJobs.Sample.Formats;

/// <summary>Writes the header, then one line per record; arrays and objects as JSON text, as the built-in CSV does.</summary>
public sealed class TsvExportWriter(Stream output, ExportFormatContext context) : ExportFormatWriter
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };

    /// <inheritdoc/>
    public override async ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var names = context.Fields.Select(f => Escape(f.Name));
        await _writer.WriteLineAsync(string.Join('\t', names).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new List<string>(row.Values.Count);
        foreach (var value in row.Values)
        {
            cells.Add(ExportValues.Classify(value) is ExportValueKind.Array or ExportValueKind.Map ? Escape(ToJson(value!)) : Escape(ExportValues.FormatScalar(value) ?? string.Empty));
        }

        await _writer.WriteLineAsync(string.Join('\t', cells).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken) =>
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override async ValueTask DisposeAsyncCore()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private static string ToJson(object value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ExportValues.WriteJson(json, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
