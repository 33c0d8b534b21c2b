using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The full side's record source over a <see cref="RecordPool"/>: <paramref name="count"/> records served from memory,
/// yielding every 4,096 records and filtered by the scope as the sample's demo source does. <paramref name="finished"/>,
/// when given, is called once the last record has been read (the destinations harness times uploads against it).
/// </summary>
internal sealed class PooledRecordSource(RecordPool pool, int count, Action? finished = null) : IExportRecordSource
{
    /// <summary>Records a run reads (the destinations harness lowers it for a warm-up run, then sets the timed count).</summary>
    public int Count { get; set; } = count;

    /// <summary>Called once a run has read its last record.</summary>
    public Action? Finished { get; set; } = finished;

    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DemoCatalog.Columns);

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            if (i % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            var record = pool[i];
            if (scope.Includes(record))
            {
                yield return record;
            }
        }

        Finished?.Invoke();
    }
}
