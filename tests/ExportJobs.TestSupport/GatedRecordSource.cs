using System.Globalization;
using System.Runtime.CompilerServices;
using ExportJobs.Extensibility;

namespace ExportJobs.Testing;

/// <summary>
/// A record source that hands out its <see cref="Count"/> records only as far as the test allows (<see cref="Release"/>):
/// a slow source without sleeps, so that a run can be watched or cancelled mid-export at a known point.
/// </summary>
public sealed class GatedRecordSource(long count) : IExportRecordSource
{
    private static readonly IReadOnlyList<ExportColumn> Columns = [new("sku"), new("name"), new("description")];
    private readonly Lock _gate = new();
    private long _allowed;
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _blockedChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _blockedAt = -1;

    /// <summary>How many records a run reads in all.</summary>
    public long Count { get; } = count;

    /// <summary>Throws (the record source failing mid-export) instead of handing out the record with this 0-based number, when set.</summary>
    public long? ThrowAt { get; set; }

    /// <summary>How many records the current run has handed out.</summary>
    public long Sent { get; private set; }

    /// <summary>Lets the source hand out records up to <paramref name="upTo"/> (in all).</summary>
    /// <param name="upTo">The total allowed so far.</param>
    public void Release(long upTo)
    {
        lock (_gate)
        {
            _allowed = Math.Max(_allowed, upTo);
            _moved.TrySetResult();
            _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Completes once the run has handed out <paramref name="records"/> records and was asked for the next one, which the
    /// gate holds back: the consumer has taken every record it was given (the run is in its "reading records" stage).
    /// </summary>
    /// <param name="records">Records handed out when the source blocks (the last <see cref="Release"/> bound).</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async Task WaitUntilBlockedAfterAsync(long records, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_blockedAt == records)
                {
                    return;
                }

                changed = _blockedChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Lets the source hand out everything.</summary>
    public void ReleaseAll() => Release(long.MaxValue);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) => ValueTask.FromResult(Columns);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var description = new string('x', 200);
        Sent = 0;
        lock (_gate)
        {
            _blockedAt = -1;
        }

        for (long i = 0; i < Count; i++)
        {
            while (true)
            {
                Task moved;
                lock (_gate)
                {
                    if (i < _allowed)
                    {
                        break;
                    }

                    moved = _moved.Task;
                    _blockedAt = i;
                    _blockedChanged.TrySetResult();
                    _blockedChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                await moved.WaitAsync(cancellationToken);
            }

            if (i == ThrowAt)
            {
                throw new InvalidOperationException("The PIM database connection was lost.");
            }

            Sent = i + 1;
            yield return new ExportRecord
            {
                Id = "p" + i.ToString(CultureInfo.InvariantCulture),
                SchemaId = "product",
                UpdatedAt = DateTimeOffset.UnixEpoch,
                Attributes = new Dictionary<string, object?>(3, StringComparer.Ordinal)
                {
                    ["sku"] = "SKU-" + i.ToString("D9", CultureInfo.InvariantCulture),
                    ["name"] = "Product " + i.ToString(CultureInfo.InvariantCulture),
                    ["description"] = description,
                },
            };
        }
    }
}
