using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Xunit;

namespace ExportJobs.Testing;

/// <summary>Collects the measurements and activities of one telemetry instance (its meter and activity source) with MeterListener and ActivityListener.</summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;

    public TelemetryRecorder(Meter meter, ActivitySource activitySource)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Measurements.Add(new(i.Name, value, ToDictionary(tags))));
        _meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Measurements.Add(new(i.Name, value, ToDictionary(tags))));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, activitySource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Activities.Add,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public ConcurrentBag<Measurement> Measurements { get; } = [];

    public ConcurrentBag<Activity> Activities { get; } = [];

    public double Sum(string instrument) => Measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public Measurement Only(string instrument) => Assert.Single(Measurements, m => m.Instrument == instrument);

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
