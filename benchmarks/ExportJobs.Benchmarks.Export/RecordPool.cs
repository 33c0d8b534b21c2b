using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// Demo records generated once, before anything is timed: record <c>i</c> of a run is <c>pool[i % Size]</c> on the raw
/// and on the full side alike, so neither side pays for record generation and both write the same rows.
/// </summary>
internal sealed class RecordPool
{
    private readonly ExportRecord[] _records;

    private RecordPool(ExportRecord[] records) => _records = records;

    public int Size => _records.Length;

    public ExportRecord this[int index] => _records[index % _records.Length];

    public static RecordPool Create(int size) => new([.. Enumerable.Range(0, size).Select(i => DemoCatalog.Create(i))]);
}
