using System.Globalization;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// The host's clock as the retry pipeline sees it, telling <see cref="NotificationActivity"/> of every timer the pipeline
/// sets (backoff delays, attempt timeouts) once it is set: the seam that lets tests move a fake clock past a backoff
/// exactly when it is waiting, without sleeping.
/// </summary>
internal sealed class ObservedTimeProvider(TimeProvider inner, NotificationActivity activity) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        activity.Record("timer", "-", detail: dueTime.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
        return timer;
    }
}
