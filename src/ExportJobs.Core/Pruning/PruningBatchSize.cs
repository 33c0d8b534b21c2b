namespace ExportJobs.Pruning;

/// <summary>
/// The size of the next pruning batch, adapted to how long the last one took: doubled while a full batch takes under
/// half the target, halved when one takes longer than the target (additive growth would take too long to find large
/// sizes, and a store slowed by load must shrink at once).
/// </summary>
internal sealed class PruningBatchSize(TimeSpan target, int max)
{
    private const int Initial = 50;

    public int Current { get; private set; } = Math.Min(Initial, max);

    public void Record(int deleted, TimeSpan took)
    {
        if (took > target)
        {
            Current = Math.Max(1, Current / 2);
        }
        else if (deleted >= Current && took < target / 2)
        {
            Current = (int)Math.Min(max, Current * 2L);
        }
    }
}
