using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace ExportJobs.Benchmarks.Export;

/// <summary>A typed nullable column's values in a growing array.</summary>
internal sealed class ValueColumn<T> : IRawColumn
    where T : struct
{
    private T?[] _values = new T?[1024];

    public int Count { get; private set; }

    /// <summary>Buffers a value and returns about how many bytes it takes (the plugin's estimate).</summary>
    public int Add(T? value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
        }

        _values[Count++] = value;
        return Unsafe.SizeOf<T?>();
    }

    public async Task WriteAsync(ParquetRowGroupWriter group, DataField field)
    {
        await group.WriteAsync<T>(field, _values.AsMemory(0, Count), null, null, CancellationToken.None);
        Count = 0;
    }
}
