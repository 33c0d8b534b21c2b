using Parquet;
using Parquet.Schema;

namespace ExportJobs.Benchmarks.Export;

/// <summary>One column of the raw parquet writer's current row group.</summary>
internal interface IRawColumn
{
    int Count { get; }

    /// <summary>Writes the buffered values and empties the buffer.</summary>
    Task WriteAsync(ParquetRowGroupWriter group, DataField field);
}
