using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>
/// A record source with no columns and no records: a host with the scheduler on cannot start without one, and the
/// <see cref="RecordingDispatcher"/> never reads it.
/// </summary>
internal sealed class EmptyRecordSource : IExportRecordSource
{
    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ExportColumn>>([]);

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }
}
