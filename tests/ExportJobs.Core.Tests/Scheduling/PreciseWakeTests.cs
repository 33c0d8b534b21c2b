using ExportJobs.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>
/// The scheduler's precise wait for the last milliseconds before a due instant: it wakes once, never before the instant,
/// and not at all for an instant another one replaced; only with the system clock.
/// </summary>
public sealed class PreciseWakeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task At_WakesOnce_NotBeforeTheInstant()
    {
        var woke = new List<DateTimeOffset>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wake = new PreciseWake(TimeProvider.System, () =>
        {
            lock (woke)
            {
                woke.Add(TimeProvider.System.GetUtcNow());
            }

            first.TrySetResult();
        });
        var target = TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(15);

        wake.At(target.UtcTicks);
        wake.At(target.UtcTicks); // asking again for the same instant starts no second wait

        await WithinAsync(first.Task, "the wake for an instant 15 ms ahead");
        Assert.True(woke[0] >= target, $"woke at {woke[0]:O}, before {target:O}");
        await AfterAsync(target + TimeSpan.FromMilliseconds(40)); // any second wake would have come by then
        lock (woke)
        {
            Assert.Single(woke);
        }
    }

    [Fact]
    public async Task At_AnotherInstant_ReplacesTheFirst_AndCancelDropsTheWait()
    {
        var woke = new List<DateTimeOffset>();
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wake = new PreciseWake(TimeProvider.System, () =>
        {
            lock (woke)
            {
                woke.Add(TimeProvider.System.GetUtcNow());
            }

            signal.TrySetResult();
        });
        var now = TimeProvider.System.GetUtcNow();
        var replaced = now + TimeSpan.FromMilliseconds(10);
        var target = now + TimeSpan.FromMilliseconds(25);

        wake.At(replaced.UtcTicks);
        wake.At(target.UtcTicks);
        await WithinAsync(signal.Task, "the wake for the instant that replaced the first");
        Assert.True(woke[0] >= target, $"woke at {woke[0]:O}, before the instant that replaced {replaced:O}: {target:O}");

        var cancelled = TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(10);
        wake.At(cancelled.UtcTicks);
        wake.Cancel();
        await AfterAsync(cancelled + TimeSpan.FromMilliseconds(40));
        lock (woke)
        {
            Assert.Single(woke);
        }
    }

    [Fact]
    public void IsUsedWith_OnlyTheSystemClock()
    {
        Assert.True(PreciseWake.IsUsedWith(TimeProvider.System));
        Assert.False(PreciseWake.IsUsedWith(new FakeTimeProvider()));
    }

    private static async Task WithinAsync(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Bound)) != task)
        {
            Assert.Fail($"{what} did not come within {Bound.TotalSeconds} s.");
        }
    }

    /// <summary>Waits until the system clock has passed <paramref name="instant"/> (a wait for time itself, which is what is tested).</summary>
    private static async Task AfterAsync(DateTimeOffset instant)
    {
        var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new PreciseWake(TimeProvider.System, passed.SetResult);
        probe.At(instant.UtcTicks);
        await WithinAsync(passed.Task, $"the probe's wake at {instant:O}");
    }
}
