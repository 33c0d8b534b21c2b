using ExportJobs.Destinations.Common;

namespace ExportJobs.Destinations.Tests.Common;

/// <summary>Parts and blocks in flight: never more than the limit, the first failure stops the rest and is what the caller sees.</summary>
public sealed class InFlightTests
{
    [Fact]
    public async Task ForEach_MoreItemsThanSlots_RunsExactlyMaxConcurrencyAtOnce()
    {
        var inFlight = 0;
        var peak = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new bool[6];

        var run = InFlight.ForEachAsync(
            6,
            3,
            (index, _) => Task.FromResult<Func<CancellationToken, Task>>(async token =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                if (now == 3)
                {
                    full.TrySetResult();
                }

                await release.Task.WaitAsync(token);
                Interlocked.Decrement(ref inFlight);
                done[index] = true;
            }),
            CancellationToken.None);

        await full.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, Volatile.Read(ref inFlight));
        Assert.False(run.IsCompleted, "The run finished while three uploads were held.");
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, peak);
        Assert.All(done, Assert.True);
    }

    [Fact]
    public async Task ForEach_AnUploadFails_StopsPreparingAndRethrowsThatFailureAfterTheOthersEnded()
    {
        var prepared = 0;
        var failure = new IOException("block 3 failed");

        var thrown = await Assert.ThrowsAsync<IOException>(() => InFlight.ForEachAsync(
            10,
            1,
            (index, _) =>
            {
                Interlocked.Increment(ref prepared);
                return Task.FromResult<Func<CancellationToken, Task>>(_ => index == 2 ? Task.FromException(failure) : Task.CompletedTask);
            },
            CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(3, prepared);
    }

    [Fact]
    public async Task ForEach_PreparationFails_CancelsTheUploadsInFlightAndRethrows()
    {
        var cancelled = 0;
        var failure = new IOException("read failed");

        var thrown = await Assert.ThrowsAsync<IOException>(() => InFlight.ForEachAsync(
            4,
            4,
            (index, _) => index == 2
                ? Task.FromException<Func<CancellationToken, Task>>(failure)
                : Task.FromResult<Func<CancellationToken, Task>>(async token =>
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                        throw;
                    }
                }),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Same(failure, thrown);
        Assert.Equal(2, cancelled);
    }

    [Fact]
    public async Task ForEach_OpenEnded_WhilePreparationWaitsForItsPart_HoldsAtMostMaxConcurrencyWindows_EndsWhenPrepareSaysSo()
    {
        var open = 0;
        var peak = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = InFlight.ForEachAsync(
            3,
            async (index, token) =>
            {
                if (index == 5)
                {
                    return null; // the file ended
                }

                if (index == 2)
                {
                    third.TrySetResult();
                    await written.Task.WaitAsync(token); // the part is not written yet
                }

                InterlockedMax(ref peak, Interlocked.Increment(ref open));
                return async token =>
                {
                    await release.Task.WaitAsync(token);
                    Interlocked.Decrement(ref open);
                };
            },
            CancellationToken.None);

        await third.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Volatile.Read(ref open)); // two uploading, the third slot waiting for its part
        written.SetResult();
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(peak <= 3, $"{peak} windows were open at once.");
        Assert.Equal(0, Volatile.Read(ref open));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
