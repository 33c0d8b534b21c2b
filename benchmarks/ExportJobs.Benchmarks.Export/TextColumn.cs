using Parquet;
using Parquet.Schema;

namespace ExportJobs.Benchmarks.Export;

/// <summary>A string column's values in a growing array.</summary>
internal sealed class TextColumn : IRawColumn
{
    private string[] _values = new string[1024];

    public int Count { get; private set; }

    /// <summary>Buffers a value and returns about how many bytes it takes (the plugin's estimate).</summary>
    public int Add(string? value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
        }

        _values[Count++] = value!;
        return value is null ? 8 : 32 + (value.Length * 2);
    }

    public async Task WriteAsync(ParquetRowGroupWriter group, DataField field)
    {
        await group.WriteAsync(field, new ArraySegment<string>(_values, 0, Count), null);
        Count = 0;
    }
}
