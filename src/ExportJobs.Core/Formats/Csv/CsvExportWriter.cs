using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats.Csv;

/// <summary>
/// Writes records as CSV rows: one cell per field (<see cref="ExportFormatContext.Fields"/>). Arrays and objects (and unscoped dimensional
/// values) are JSON text; null is an empty cell and an empty string is <c>""</c>, so the two stay apart.
/// </summary>
internal sealed class CsvExportWriter : ExportFormatWriter
{
    private readonly CsvWriter _csv;
    private readonly ExportFormatContext _context;
    private readonly ArrayBufferWriter<byte> _json = new(256);
    private readonly Utf8JsonWriter _jsonWriter;

    public CsvExportWriter(CsvWriter csv, ExportFormatContext context)
    {
        _csv = csv;
        _context = context;
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public override ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        _csv.WriteHeader(_context.Fields.Select(f => f.Name).ToArray());
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = row.Values;
        for (var i = 0; i < values.Count; i++)
        {
            WriteValue(values[i]);
        }

        return _csv.EndRecordAsync(cancellationToken);
    }

    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken) =>
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask DisposeAsyncCore()
    {
        await _jsonWriter.DisposeAsync().ConfigureAwait(false);
        await _csv.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                _csv.WriteField((string?)null);
                break;
            case string s:
                WriteText(s);
                break;
            case bool b:
                _csv.WriteField(b);
                break;
            case int i:
                _csv.WriteField(i, default);
                break;
            case long l:
                _csv.WriteField(l, default);
                break;
            case decimal m:
                _csv.WriteField(m, default);
                break;
            case double d:
                _csv.WriteField(d, default);
                break;
            case float f:
                _csv.WriteField(f, default);
                break;
            case DateTimeOffset d:
                _csv.WriteField(d, default);
                break;
            case DateTime d:
                _csv.WriteField(d, default);
                break;
            case DateOnly d:
                _csv.WriteField(d, default);
                break;
            default:
                WriteOther(value);
                break;
        }
    }

    private void WriteOther(object value)
    {
        switch (ExportValues.Classify(value))
        {
            case ExportValueKind.Array or ExportValueKind.Map:
                WriteJson(value);
                break;
            case ExportValueKind.Number when value is IConvertible integer:
                // Written typed so that formula protection never touches it: a negative number stays a number.
                _csv.WriteField(integer.ToDecimal(CultureInfo.InvariantCulture), default);
                break;
            default:
                WriteText(ExportValues.FormatScalar(value));
                break;
        }
    }

    private void WriteText(string? text)
    {
        if (text is null)
        {
            _csv.WriteField((string?)null);
        }
        else if (text.Length == 0)
        {
            _csv.WriteField(text, CsvQuoting.Always);
        }
        else
        {
            _csv.WriteField(text);
        }
    }

    private void WriteJson(object value)
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        ExportValues.WriteJson(_jsonWriter, value);
        _jsonWriter.Flush();
        _csv.WriteField(_json.WrittenSpan);
    }
}
