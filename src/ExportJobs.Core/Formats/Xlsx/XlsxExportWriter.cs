using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExportJobs.Extensibility;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ExportJobs.Formats.Xlsx;

/// <summary>
/// Writes one sheet: a bold, frozen header row with the field names, then one row per record. Numbers are number
/// cells, booleans boolean cells, dates Excel dates in UTC (<c>yyyy-mm-dd hh:mm:ss</c>; <see cref="DateOnly"/> as
/// <c>yyyy-mm-dd</c>), arrays and objects JSON text, null an empty cell. Excel's limits fail the run with an
/// <see cref="ExportFormatException"/> naming the record and column instead of writing a file Excel refuses.
/// </summary>
/// <remarks>
/// Values Excel cannot hold exactly are written as text rather than changed: integers beyond 15 digits, decimals with
/// more than 15 significant digits, NaN and infinities, dates before 1900. CR and control characters are kept with the
/// format's own <c>_xHHHH_</c> escapes (<see cref="XlsxText"/>), which Excel and LibreOffice decode.
/// </remarks>
internal sealed class XlsxExportWriter : ExportFormatWriter
{
    private const string SheetName = "Export";
    private readonly Stream _output;
    private readonly ExportFormatContext _context;
    private readonly int _maxRows;
    private readonly Cell[] _cells;
    private readonly ArrayBufferWriter<byte> _json = new(256);
    private readonly Utf8JsonWriter _jsonWriter;
    private Spreadsheet? _spreadsheet;
    private StyleId? _dateStyle;
    private int _rows;

    public XlsxExportWriter(Stream output, ExportFormatContext context, int maxRows)
    {
        _output = output;
        _context = context;
        _maxRows = maxRows;
        _cells = new Cell[context.Fields.Count];
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public override async ValueTask WriteStartAsync(CancellationToken cancellationToken)
    {
        var fields = _context.Fields;
        if (fields.Count > XlsxLimits.MaxColumns)
        {
            throw new ExportFormatException(
                $"The export has {fields.Count:N0} columns; an xlsx sheet holds at most {XlsxLimits.MaxColumns:N0}. List the columns to export in the job's columns.");
        }

        var options = new SpreadCheetahOptions { PreserveStringWhitespace = true, BufferSize = 64 * 1024 };
        _spreadsheet = await Spreadsheet.CreateNewAsync(_output, options, cancellationToken).ConfigureAwait(false);
        await _spreadsheet.StartWorksheetAsync(SheetName, new WorksheetOptions { FrozenRows = 1 }, cancellationToken).ConfigureAwait(false);
        var bold = _spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        _dateStyle = _spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            if (name.Length > XlsxLimits.MaxCellCharacters)
            {
                throw new ExportFormatException($"The header of column {i + 1} ('{name[..40]}…') has {name.Length:N0} characters; an xlsx cell holds at most {XlsxLimits.MaxCellCharacters:N0}.");
            }

            _cells[i] = new Cell(XlsxText.Escape(name), bold);
        }

        await _spreadsheet.AddRowAsync(_cells, cancellationToken).ConfigureAwait(false);
        _rows = 1;
    }

    public override ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_rows >= _maxRows)
        {
            throw new ExportFormatException(
                $"Record '{row.Id}' would be row {_rows + 1:N0} of the sheet; an xlsx sheet holds at most {_maxRows:N0} rows (the header and {_maxRows - 1:N0} records). "
                + $"Split the export into several files with the job's split setting (maxRecords at most {_maxRows - 1:N0}), narrow the job's scope, or use csv or jsonl.");
        }

        var values = row.Values;
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i] = ToCell(values[i], row, i);
        }

        _rows++;
        return _spreadsheet!.AddRowAsync(_cells, cancellationToken);
    }

    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        if (_spreadsheet is null)
        {
            await WriteStartAsync(cancellationToken).ConfigureAwait(false);
        }

        await _spreadsheet!.FinishAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _jsonWriter.DisposeAsync().ConfigureAwait(false);
        if (_spreadsheet is not null)
        {
            await _spreadsheet.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private Cell ToCell(object? value, ExportRow row, int field)
    {
        switch (value)
        {
            case null:
                return default;
            case string s:
                return Text(s, row, field);
            case bool b:
                return new Cell(b);
            case int i:
                return new Cell(i);
            case long l:
                return l is >= -XlsxLimits.MaxExactInteger and <= XlsxLimits.MaxExactInteger ? new Cell(l) : Text(l.ToString(CultureInfo.InvariantCulture), row, field);
            case double d:
                return double.IsFinite(d) ? new Cell(d) : Text(ExportValues.FormatScalar(d)!, row, field);
            case float f:
                return float.IsFinite(f) ? new Cell((double)f) : Text(ExportValues.FormatScalar(f)!, row, field);
            case decimal m:
                return (decimal)(double)m == m ? new Cell(m) : Text(m.ToString(CultureInfo.InvariantCulture), row, field);
            case DateTimeOffset d:
                return Date(d.UtcDateTime, row, field, dateOnly: false);
            case DateTime d:
                return Date(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d, row, field, dateOnly: false);
            case DateOnly d:
                return Date(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), row, field, dateOnly: true);
            default:
                return Other(value, row, field);
        }
    }

    private Cell Other(object value, ExportRow row, int field)
    {
        switch (ExportValues.Classify(value))
        {
            case ExportValueKind.Array or ExportValueKind.Map:
                _json.ResetWrittenCount();
                _jsonWriter.Reset(_json);
                ExportValues.WriteJson(_jsonWriter, value);
                _jsonWriter.Flush();
                return Text(Encoding.UTF8.GetString(_json.WrittenSpan), row, field);
            case ExportValueKind.Number when value is IConvertible number:
                var asDecimal = number.ToDecimal(CultureInfo.InvariantCulture);
                return decimal.Abs(asDecimal) <= XlsxLimits.MaxExactInteger ? new Cell(asDecimal) : Text(ExportValues.FormatScalar(value)!, row, field);
            default:
                return Text(ExportValues.FormatScalar(value) ?? string.Empty, row, field);
        }
    }

    private Cell Date(DateTime utc, ExportRow row, int field, bool dateOnly)
    {
        if (utc < XlsxLimits.MinDate)
        {
            return Text(dateOnly ? DateOnly.FromDateTime(utc).ToString("O", CultureInfo.InvariantCulture) : utc.ToString("O", CultureInfo.InvariantCulture), row, field);
        }

        return dateOnly ? new Cell(utc, _dateStyle) : new Cell(utc);
    }

    private Cell Text(string text, ExportRow row, int field)
    {
        if (text.Length > XlsxLimits.MaxCellCharacters)
        {
            throw new ExportFormatException(
                $"The value of column '{_context.Fields[field].Name}' of record '{row.Id}' has {text.Length:N0} characters; an xlsx cell holds at most {XlsxLimits.MaxCellCharacters:N0}. "
                + "Leave the column out with the job's columns, or export this job as csv, json or jsonl.");
        }

        return new Cell(XlsxText.Escape(text));
    }
}
