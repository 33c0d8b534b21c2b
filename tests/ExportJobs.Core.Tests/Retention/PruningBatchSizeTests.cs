using ExportJobs.Pruning;
using ExportJobs.Retention;

namespace ExportJobs.Core.Tests.Retention;

public sealed class PruningBatchSizeTests
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(1.0)]
    [InlineData(8.0)]
    public void Record_RowsOfAFixedCost_SettlesOnBatchesWithinTheTarget(double millisecondsPerRow)
    {
        var target = TimeSpan.FromMilliseconds(20);
        var size = new PruningBatchSize(target, max: 10_000);
        var took = TimeSpan.Zero;
        for (var i = 0; i < 50; i++)
        {
            took = TimeSpan.FromMilliseconds(size.Current * millisecondsPerRow);
            size.Record(size.Current, took);
        }

        took = TimeSpan.FromMilliseconds(size.Current * millisecondsPerRow);
        Assert.True(took <= target || size.Current == 1, $"{size.Current} rows take {took.TotalMilliseconds} ms.");
        Assert.True(took >= target / 4 || size.Current == 10_000, $"{size.Current} rows take only {took.TotalMilliseconds} ms.");
    }

    [Fact]
    public void Record_ABatchThatWasNotFull_DoesNotGrow()
    {
        var size = new PruningBatchSize(TimeSpan.FromMilliseconds(20), max: 500);
        var before = size.Current;

        size.Record(before - 1, TimeSpan.FromMilliseconds(1));

        Assert.Equal(before, size.Current);
    }
}
