namespace ExportJobs.Pruning;

/// <summary>
/// The size of the next pruning batch, adapted to how long each transaction held the store against a target: it starts
/// at the minimum, so that the first transaction of a process (cold caches, code not yet compiled) is a small one; it
/// shrinks at once when a transaction held the store longer than the target (to at most half the size, and to what the
/// measured rate says fits in half the target); and it grows slowly, by a quarter, after a full batch that took at most
/// half the target. With a cost per row that does not change, batches settle where a transaction takes between half and
/// five eighths of the target, which leaves room for the noise of a shared machine before one goes over it.
/// </summary>
/// <remarks>
/// The sizer only sees sizes and durations (no clock): the pruner measures each store call with its
/// <see cref="TimeProvider"/> and subtracts the garbage collector's pauses during it (they stop every thread, and a smaller
/// batch would not have avoided them).
/// </remarks>
internal sealed class PruningBatchSize
{
    private readonly TimeSpan _target;
    private readonly int _min;
    private readonly int _max;

    /// <summary>Creates a sizer.</summary>
    /// <param name="target">How long one transaction should hold the store.</param>
    /// <param name="min">The smallest batch, and the first one; capped at <paramref name="max"/>.</param>
    /// <param name="max">The largest batch.</param>
    public PruningBatchSize(TimeSpan target, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        _target = target;
        _max = max;
        _min = Math.Min(min, max);
        Current = _min;
    }

    /// <summary>The number of rows the next transaction may delete.</summary>
    public int Current { get; private set; }

    /// <summary>Adapts <see cref="Current"/> to a transaction that was allowed <see cref="Current"/> rows.</summary>
    /// <param name="deleted">How many rows it deleted.</param>
    /// <param name="held">How long it held the store.</param>
    public void Record(int deleted, TimeSpan held)
    {
        if (held > _target)
        {
            var half = Current / 2;
            var fits = deleted > 0 ? (int)Math.Min(int.MaxValue, deleted * (_target / 2 / held)) : half;
            Current = Math.Clamp(Math.Min(half, fits), _min, _max);
        }
        else if (deleted >= Current && held <= _target / 2)
        {
            Current = (int)Math.Clamp(Current + Math.Max(1L, Current / 4), _min, _max);
        }
    }
}
