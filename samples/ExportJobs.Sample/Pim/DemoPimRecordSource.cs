using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Options;

namespace ExportJobs.Sample.Pim;

/// <summary>
/// The sample's record source: <see cref="DemoCatalog"/> records, generated one at a time (never held in memory),
/// filtered by the scope the way a database query would. It reports deletions (<c>DELETE /demo/records/{index}</c>),
/// so its <c>changes</c> exports carry tombstones with <c>op: delete</c>. With <c>Sample:RecordDelay</c> it waits that long
/// before each record it returns (a slow database; cancellation ends the wait).
/// </summary>
public sealed class DemoPimRecordSource(IOptions<SampleOptions> options, DemoChanges changes) : IExportRecordSource
{
    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DemoCatalog.Columns);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var count = options.Value.ProductCount;
        var delay = options.Value.RecordDelay; // Sample:RecordDelay: a slow database, so a run's progress can be watched
        for (var i = 0; i < count; i++)
        {
            if (i % 4096 == 0)
            {
                // A database source awaits its next page here; the demo yields so a run never hogs its thread.
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            if (!scope.IncludeVariants && i % 3 != 0)
            {
                continue;
            }

            if (changes.IsDeleted(i))
            {
                continue;
            }

            var record = DemoCatalog.Create(i, changes.TouchedAt(i));
            if (scope.Includes(record))
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                yield return record;
            }
        }
    }

    /// <inheritdoc/>
    public bool ReportsDeletions => true;

    /// <inheritdoc/>
    public async IAsyncEnumerable<ExportDeletion> ReadDeletionsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await Task.Yield();
        var filters = scope with { Since = null }; // a deletion is newer than Since; the record's own time is not
        foreach (var (index, at) in changes.DeletedAfter(scope.Since ?? DateTimeOffset.MinValue))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = DemoCatalog.Create(index);
            if (!filters.Includes(record))
            {
                continue;
            }

            yield return new ExportDeletion { Id = record.Id, DeletedAt = at, SchemaId = record.SchemaId, ParentId = record.ParentId, CatalogIds = record.CatalogIds };
        }
    }
}
