namespace ExportJobs.Scheduling;

/// <summary>Calls an action at an instant to within a millisecond, where a timer would fire up to its clock's tick late.</summary>
/// <remarks>
/// <para>
/// On Linux .NET's timers run on a coarse monotonic clock that advances once per kernel tick (4 ms at 250 Hz), so a timer
/// set for a due instant fires up to a tick or more after it: 3 to 12 ms late in the scheduler benchmark
/// (<c>benchmarks/ExportJobs.Benchmarks.Scheduler</c>), and every run of a busy minute starts that much late.
/// </para>
/// <para>
/// The scheduler sets its timer for <see cref="Window"/> before a due instant and has this wait out the rest: on a
/// thread pool thread, with <see cref="Thread.Sleep(TimeSpan)"/> (a high-resolution sleep) in steps of at most
/// <see cref="Window"/>: at most one such wait, of at most <see cref="Window"/>, per due instant. It does so only with
/// the system clock; with any other <see cref="TimeProvider"/> (a test's fake clock, a host's own) it waits on that
/// provider's timer alone.
/// </para>
/// </remarks>
internal sealed class PreciseWake(TimeProvider time, Action wake)
{
    /// <summary>How long before an instant this takes over from the timer (more than the timer's lateness).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

    private const long None = long.MinValue;

    // The instant (UTC ticks) the wait under way is for, or None.
    private long _target = None;

    /// <summary>Whether a scheduler on <paramref name="clock"/> waits out its last milliseconds with this.</summary>
    public static bool IsUsedWith(TimeProvider clock) => ReferenceEquals(clock, TimeProvider.System);

    /// <summary>Calls the action at <paramref name="ticks"/> (UTC), once, unless another instant or <see cref="Cancel"/> comes first.</summary>
    /// <remarks>Asking again for the instant already waited for changes nothing.</remarks>
    public void At(long ticks)
    {
        if (Interlocked.Exchange(ref _target, ticks) == ticks)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Wake.SleepUntil(state.Ticks), (Wake: this, Ticks: ticks), preferLocal: false);
    }

    /// <summary>Drops the wait under way (the next wake is further off, and the timer brings it).</summary>
    public void Cancel() => Volatile.Write(ref _target, None);

    private void SleepUntil(long ticks)
    {
        while (time.GetUtcNow().UtcTicks is var now && now < ticks)
        {
            if (Volatile.Read(ref _target) != ticks)
            {
                return; // another instant took over, or the wait was cancelled
            }

            // Whole milliseconds; under one, a zero sleep yields the core until the instant.
            Thread.Sleep(TimeSpan.FromTicks(Math.Min(ticks - now, Window.Ticks)));
        }

        if (Interlocked.CompareExchange(ref _target, None, ticks) == ticks)
        {
            wake();
        }
    }
}
