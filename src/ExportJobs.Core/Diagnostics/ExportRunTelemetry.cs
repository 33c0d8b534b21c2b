using System.Diagnostics;

namespace ExportJobs.Diagnostics;

/// <summary>The telemetry of one run: its activity and the tags of its measurements. Dispose it when the run has ended.</summary>
internal sealed class ExportRunTelemetry : IDisposable
{
    private readonly ExportJobsTelemetry _owner;
    private readonly TagList _tags;
    private readonly long _startTimestamp;
    private bool _ended;

    internal ExportRunTelemetry(ExportJobsTelemetry owner, Activity? activity, TagList tags, long startTimestamp)
    {
        _owner = owner;
        Activity = activity;
        _tags = tags;
        _startTimestamp = startTimestamp;
    }

    /// <summary>The run's activity, or null when nobody listens to the <c>"ExportJobs"</c> source.</summary>
    public Activity? Activity { get; }

    /// <summary>Records a successful run: counts it, its records and bytes, and its duration.</summary>
    /// <param name="records">Records written.</param>
    /// <param name="bytes">Bytes delivered.</param>
    public void Succeeded(long records, long bytes)
    {
        if (End(succeeded: true, records, bytes))
        {
            Activity?.SetTag(ExportJobsTelemetryNames.RecordCountTag, records);
            Activity?.SetTag(ExportJobsTelemetryNames.FileSizeTag, bytes);
            Activity?.SetStatus(ActivityStatusCode.Ok);
        }
    }

    /// <summary>Records a failed run: counts it and its duration, and marks the activity as an error.</summary>
    /// <param name="error">The run's error message (already free of secrets).</param>
    public void Failed(string? error)
    {
        if (End(succeeded: false, 0, 0))
        {
            Activity?.SetStatus(ActivityStatusCode.Error, error);
        }
    }

    /// <summary>Ends the activity; a run neither succeeded nor failed by then counts as failed.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            Failed("The run ended without an outcome.");
        }

        Activity?.Dispose();
    }

    private bool End(bool succeeded, long records, long bytes)
    {
        if (_ended)
        {
            return false;
        }

        _ended = true;
        _owner.EndRun(_tags, _startTimestamp, succeeded, records, bytes);
        return true;
    }
}
