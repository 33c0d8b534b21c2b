using System.Diagnostics.Metrics;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// The meter <c>ExportJobs.Notifications</c>: <c>exportjobs.notifications.delivered</c> and
/// <c>exportjobs.notifications.failed</c> (given up after the last attempt), tagged with <c>event</c> and <c>channel</c> (the type).
/// </summary>
internal sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "ExportJobs.Notifications";
    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;

    public NotificationMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _delivered = _meter.CreateCounter<long>("exportjobs.notifications.delivered", "{notification}", "Notifications a channel accepted.");
        _failed = _meter.CreateCounter<long>("exportjobs.notifications.failed", "{notification}", "Notifications given up after the last attempt.");
    }

    public void Delivered(string eventType, string channel) => _delivered.Add(1, new("event", eventType), new("channel", channel));

    public void Failed(string eventType, string channel) => _failed.Add(1, new("event", eventType), new("channel", channel));

    public void Dispose() => _meter.Dispose();
}
