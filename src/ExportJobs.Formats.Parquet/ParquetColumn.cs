using System.Globalization;
using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;
using Parquet;
using Parquet.Schema;

namespace ExportJobs.Formats.Parquet;

/// <summary>One column's buffered values of the current row group, converted to the column's Parquet type.</summary>
internal abstract class ParquetColumn
{
    /// <summary>A reference in a list.</summary>
    private const int SlotBytes = 8;

    /// <summary>A string object without its characters (object header, method table, length, terminator).</summary>
    private const int StringHeaderBytes = 24;

    public abstract int Count { get; }

    public abstract string TypeName { get; }

    public static ParquetColumn For(ExportValueType type, ParquetText text) => type switch
    {
        ExportValueType.Integer => new Typed<long>("whole number", v => v switch
        {
            long l => l,
            int i => i,
            short or byte or sbyte or ushort or uint => Convert.ToInt64(v, CultureInfo.InvariantCulture),
            decimal m when decimal.Truncate(m) == m && m is >= long.MinValue and <= long.MaxValue => (long)m,
            double d when Math.Truncate(d) == d && d is >= long.MinValue and < long.MaxValue => (long)d,
            string s => ParquetExportWriter.Parse(s, "a whole number", t => (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x), x)),
            _ => throw new FormatException($"A {v.GetType().Name} is not a whole number."),
        }, name => new DataField<long?>(name)),
        ExportValueType.Decimal => new Typed<decimal>("decimal number", v => v switch
        {
            decimal m => m,
            int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
            double d when double.IsFinite(d) => (decimal)d,
            float f when float.IsFinite(f) => (decimal)f,
            string s => ParquetExportWriter.Parse(s, "a decimal number", t => (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x), x)),
            _ => throw new FormatException($"A {v.GetType().Name} is not a decimal number."),
        }, name => new DecimalDataField(name, 38, 18, forceByteArrayEncoding: false, isNullable: true)),
        ExportValueType.Boolean => new Typed<bool>("boolean", v => v switch
        {
            bool b => b,
            string s => ParquetExportWriter.Parse(s, "true or false", t => (bool.TryParse(t, out var x), x)),
            _ => throw new FormatException($"A {v.GetType().Name} is not true or false."),
        }, name => new DataField<bool?>(name)),
        ExportValueType.DateTime => new Typed<DateTime>("date-time", v => v switch
        {
            DateTimeOffset d => d.UtcDateTime,
            DateTime d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc),
            DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            string s => ParquetExportWriter.Parse(s, "an ISO 8601 date", t => (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x), x.UtcDateTime)),
            _ => throw new FormatException($"A {v.GetType().Name} is not a date."),
        }, name => new DateTimeDataField(name, DateTimeFormat.DateAndTime, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true)),
        _ => new Text(text),
    };

    public abstract DataField CreateField(string name);

    /// <summary>Buffers a value and returns about how many bytes of memory it takes, object overhead included.</summary>
    public abstract int Add(object? value);

    public abstract Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken);

    private sealed class Text(ParquetText text) : ParquetColumn
    {
        private readonly List<string?> _values = [];

        public override int Count => _values.Count;

        public override string TypeName => "text";

        public override DataField CreateField(string name) => new DataField<string>(name, true);

        public override int Add(object? value)
        {
            var s = text.Of(value);
            _values.Add(s);
            return s is null ? SlotBytes : SlotBytes + StringHeaderBytes + (s.Length * 2);
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync(field, _values, null).ConfigureAwait(false);
            _values.Clear();
        }
    }

    private sealed class Typed<T>(string typeName, Func<object, T> convert, Func<string, DataField> field) : ParquetColumn
        where T : struct
    {
        // The value's slot in the buffer.
        private static readonly int ValueBytes = Unsafe.SizeOf<T?>();

        private T?[] _values = new T?[1024];
        private int _count;

        public override int Count => _count;

        public override string TypeName => typeName;

        public override DataField CreateField(string name) => field(name);

        public override int Add(object? value)
        {
            T? converted = value is null or "" ? null : convert(value);
            if (_count == _values.Length)
            {
                Array.Resize(ref _values, _count * 2);
            }

            _values[_count++] = converted;
            return ValueBytes;
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync<T>(field, _values.AsMemory(0, _count), null, null, cancellationToken).ConfigureAwait(false);
            _count = 0;
        }
    }
}
