using ExportJobs.Pruning;

namespace ExportJobs.Core.Tests.Retention;

/// <summary>The sizer sees only sizes and durations, so these feed it durations from a cost model: no clock, no timing.</summary>
public sealed class PruningBatchSizeTests
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void FirstBatch_IsTheMinimum()
    {
        Assert.Equal(10, new PruningBatchSize(Target, min: 10, max: 500).Current);
    }

    [Fact]
    public void Minimum_LargerThanTheMaximum_IsTheMaximum()
    {
        var size = new PruningBatchSize(Target, min: 50, max: 7);

        Assert.Equal(7, size.Current);
        size.Record(7, TimeSpan.FromSeconds(1));
        Assert.Equal(7, size.Current);
    }

    [Theory]
    [InlineData(0.0, 0.01)]
    [InlineData(0.0, 0.05)]
    [InlineData(2.0, 0.05)]
    [InlineData(5.0, 0.2)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 3.0)]
    public void RowsOfAFixedCost_EveryTransactionStaysWithinTheTarget_AndSettlesAboveHalfOfIt(double fixedMs, double msPerRow)
    {
        var size = new PruningBatchSize(Target, min: 1, max: 100_000);
        var longest = TimeSpan.Zero;
        var last = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            last = Cost(size.Current, fixedMs, msPerRow);
            longest = last > longest ? last : longest;
            size.Record(size.Current, last);
        }

        Assert.True(longest <= Target, $"the longest of 200 transactions held {longest.TotalMilliseconds} ms (fixed {fixedMs} ms, {msPerRow} ms a row).");
        Assert.True(last > Target / 2 || Cost(size.Current + 1, fixedMs, msPerRow) > Target, $"it settled on {size.Current} rows, {last.TotalMilliseconds} ms.");
    }

    [Fact]
    public void Growth_IsAQuarterAtMost_AndOnlyAfterAFullBatchWithinHalfTheTarget()
    {
        var size = new PruningBatchSize(Target, min: 100, max: 1000);

        size.Record(100, TimeSpan.FromMilliseconds(10));
        Assert.Equal(125, size.Current);

        size.Record(125, TimeSpan.FromMilliseconds(10.1));
        Assert.Equal(125, size.Current);

        size.Record(124, TimeSpan.FromMilliseconds(1));
        Assert.Equal(125, size.Current);

        size.Record(125, TimeSpan.Zero);
        Assert.Equal(156, size.Current);
    }

    [Fact]
    public void GrowsToTheMaximum_NotBeyond()
    {
        var size = new PruningBatchSize(Target, min: 10, max: 500);
        for (var i = 0; i < 100; i++)
        {
            size.Record(size.Current, TimeSpan.Zero);
        }

        Assert.Equal(500, size.Current);
    }

    [Fact]
    public void JustOverTheTarget_ShrinksBelowHalf()
    {
        var size = Grown(400);

        // 400 rows in 21 ms: half the target holds 400 * 10 / 21.
        size.Record(400, TimeSpan.FromMilliseconds(21));

        Assert.Equal(190, size.Current);
    }

    [Fact]
    public void OverTheTarget_WithoutDeletingAnything_Halves()
    {
        var size = Grown(400);

        size.Record(0, TimeSpan.FromMilliseconds(21));

        Assert.Equal(200, size.Current);
    }

    [Fact]
    public void FarOverTheTarget_ShrinksToWhatTheRateSaysFitsInHalfTheTarget()
    {
        var size = Grown(400);

        // 400 rows in 200 ms: 0.5 ms a row, so half the target (10 ms) holds 20.
        size.Record(400, TimeSpan.FromMilliseconds(200));

        Assert.Equal(20, size.Current);
    }

    [Fact]
    public void OverTheTarget_NeverBelowTheMinimum()
    {
        var size = new PruningBatchSize(Target, min: 10, max: 500);

        size.Record(3, TimeSpan.FromSeconds(1));
        Assert.Equal(10, size.Current);

        size.Record(0, TimeSpan.FromSeconds(1));
        Assert.Equal(10, size.Current);
    }

    [Fact]
    public void AStoreThatSlowsDown_IsBackWithinTheTargetAfterOneTransaction_AndGrowsBackAQuarterAtATime()
    {
        var size = new PruningBatchSize(Target, min: 1, max: 100_000);
        for (var i = 0; i < 100; i++)
        {
            size.Record(size.Current, Cost(size.Current, 0, 0.05));
        }

        // Eight times slower (another process takes the disk): one transaction over the target, the next within it.
        var over = Cost(size.Current, 0, 0.4);
        Assert.True(over > Target);
        size.Record(size.Current, over);
        Assert.True(Cost(size.Current, 0, 0.4) <= Target, $"{size.Current} rows still take {Cost(size.Current, 0, 0.4).TotalMilliseconds} ms.");

        // Fast again: it grows back by at most a quarter a transaction, never over the target on the way.
        for (var i = 0; i < 100; i++)
        {
            var before = size.Current;
            var held = Cost(size.Current, 0, 0.05);
            Assert.True(held <= Target, $"{before} rows took {held.TotalMilliseconds} ms on the way back.");
            size.Record(before, held);
            Assert.True(size.Current <= before + Math.Max(1, before / 4), $"{before} grew to {size.Current}.");
        }

        var back = Cost(size.Current, 0, 0.05);
        Assert.True(back > Target / 2 && back <= Target, $"it grew back to {size.Current} rows, {back.TotalMilliseconds} ms.");
    }

    [Fact]
    public void ABatchThatWasNotFull_DoesNotGrow()
    {
        var size = new PruningBatchSize(Target, min: 50, max: 500);

        size.Record(49, TimeSpan.FromMilliseconds(1));

        Assert.Equal(50, size.Current);
    }

    private static PruningBatchSize Grown(int to)
    {
        var size = new PruningBatchSize(Target, min: 1, max: to);
        while (size.Current < to)
        {
            size.Record(size.Current, TimeSpan.Zero);
        }

        return size;
    }

    private static TimeSpan Cost(int rows, double fixedMs, double msPerRow) => TimeSpan.FromMilliseconds(fixedMs + (rows * msPerRow));
}
