using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;

namespace ExportJobs.AspNetCore.Tests.LargeOutputs;

/// <summary>
/// A record source with a changeable set of records that honours <see cref="ExportScope.Since"/> (only records updated
/// after it) and remembers the <c>since</c> of every run that read it.
/// </summary>
internal sealed class ChangeFeedSource : IExportRecordSource
{
    private readonly ConcurrentDictionary<string, ExportRecord> _records = new(StringComparer.Ordinal);

    public ConcurrentQueue<DateTimeOffset?> Reads { get; } = new();

    public void Put(string id, string name, DateTimeOffset updatedAt) =>
        _records[id] = new ExportRecord { Id = id, SchemaId = "product", UpdatedAt = updatedAt, Attributes = new Dictionary<string, object?> { ["name"] = name } };

    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ExportColumn>>([new ExportColumn("name")]);

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads.Enqueue(scope.Since);
        await Task.Yield();
        foreach (var record in _records.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (scope.Since is not { } since || record.UpdatedAt > since)
            {
                yield return record;
            }
        }
    }
}
