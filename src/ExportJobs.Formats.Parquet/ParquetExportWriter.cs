using System.Globalization;
using ExportJobs.Extensibility;
using Parquet;
using Parquet.Schema;

namespace ExportJobs.Formats.Parquet;

/// <summary>
/// Buffers one row group of typed column values and writes it when it holds about <c>rowGroupBytes</c> bytes, so memory
/// stays flat at any record count. A field's type comes from <see cref="ExportField.ValueType"/> (text without one).
/// </summary>
internal sealed class ParquetExportWriter : ExportFormatWriter
{
    private readonly PositionStream _output;
    private readonly ExportFormatContext _context;
    private readonly int _rowGroupBytes;
    private readonly DataField[] _fields;
    private readonly ParquetColumn[] _columns;
    private readonly ParquetText _text = new();
    private ParquetWriter? _writer;
    private long _bufferedBytes;

    public ParquetExportWriter(Stream output, ExportFormatContext context, int rowGroupBytes)
    {
        _output = new PositionStream(output);
        _context = context;
        _rowGroupBytes = rowGroupBytes;
        _columns = [.. context.Fields.Select(f => ParquetColumn.For(f.ValueType ?? ExportValueType.String, _text))];
        _fields = [.. context.Fields.Select((f, i) => _columns[i].CreateField(f.Name))];
    }

    public override async ValueTask WriteStartAsync(CancellationToken cancellationToken) =>
        _writer = await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _output, cancellationToken: cancellationToken).ConfigureAwait(false);

    public override async ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = row.Values;
        for (var i = 0; i < _columns.Length; i++)
        {
            try
            {
                _bufferedBytes += _columns[i].Add(values[i]);
            }
            catch (FormatException ex)
            {
                throw new ExportFormatException(
                    $"The value of column '{_context.Fields[i].Name}' of record '{row.Id}' is not a {_columns[i].TypeName}: {ex.Message} Fix the source's value type for the column, or export it as text.", ex);
            }
        }

        if (_bufferedBytes >= _rowGroupBytes)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _output, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_columns.Length > 0 && _columns[0].Count > 0)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        _text.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        using (var group = _writer!.CreateRowGroup())
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                await _columns[i].WriteAsync(group, _fields[i], cancellationToken).ConfigureAwait(false);
            }
        }

        _bufferedBytes = 0;
    }

    /// <summary>Parses invariant text, or throws a <see cref="FormatException"/> naming it.</summary>
    internal static T Parse<T>(string text, string kind, Func<string, (bool, T)> parse)
    {
        var (ok, value) = parse(text);
        return ok ? value : throw new FormatException($"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not {kind}.");
    }

    internal static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}
