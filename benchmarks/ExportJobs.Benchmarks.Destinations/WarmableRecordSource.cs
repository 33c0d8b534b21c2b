using System.Runtime.CompilerServices;
using ExportJobs.Benchmarks.Export;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// Replays pre-generated records (as <see cref="PooledRecordSource"/> does), <see cref="Count"/> of them per run, so that
/// a side can run a small warm-up export before the timed one in the same host; <see cref="Finished"/> is told when a
/// run has read its last record.
/// </summary>
internal sealed class WarmableRecordSource(RecordPool pool) : IExportRecordSource
{
    public int Count { get; set; }

    public Action? Finished { get; set; }

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
