using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Support;

/// <summary>A record source over a fixed list; it ignores the scope so that the library's own filtering is exercised.</summary>
internal sealed class ListRecordSource(IReadOnlyList<ExportColumn> columns, Func<IReadOnlyList<ExportRecord>> records) : IExportRecordSource
{
    public ListRecordSource(IReadOnlyList<ExportColumn> columns, IReadOnlyList<ExportRecord> records)
        : this(columns, () => records)
    {
    }

    public List<ExportScope> Scopes { get; } = [];

    /// <summary>Throws after this many records, when set.</summary>
    public int? ThrowAfter { get; set; }

    /// <summary>Waits (until cancelled) after this many records, when set.</summary>
    public int? HangAfter { get; set; }

    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken)
    {
        Scopes.Add(scope);
        return ValueTask.FromResult(columns);
    }

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var n = 0;
        foreach (var record in records())
        {
            if (n == ThrowAfter)
            {
                throw new InvalidOperationException("The PIM database connection was lost.");
            }

            if (n == HangAfter)
            {
                Hanging.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            n++;
            yield return record;
        }
    }
}
