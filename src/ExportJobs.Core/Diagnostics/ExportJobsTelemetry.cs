using System.Diagnostics;
using System.Diagnostics.Metrics;
using ExportJobs.Model;

namespace ExportJobs.Diagnostics;

/// <summary>
/// The library's metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/> (<c>"ExportJobs"</c>). The runner and the scheduler report through its small methods.
/// </summary>
/// <remarks>
/// Built on <c>System.Diagnostics</c> only, so OpenTelemetry collects it with <c>AddMeter("ExportJobs")</c> and
/// <c>AddSource("ExportJobs")</c> and the library takes no dependency on it. One instance per service provider
/// (registered by <c>AddExportJobs()</c>); listeners can tell hosts apart by <see cref="Meter"/>.
/// </remarks>
internal sealed class ExportJobsTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = ExportJobsTelemetryNames.Name;

    /// <summary>The name of the activity started for every run.</summary>
    public const string RunActivityName = ExportJobsTelemetryNames.RunActivity;

    private readonly TimeProvider _time;
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsSucceeded;
    private readonly Counter<long> _runsFailed;
    private readonly Counter<long> _records;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _skipped;

    /// <summary>Creates the meter, its instruments and the activity source.</summary>
    /// <param name="time">The clock run durations are measured with.</param>
    public ExportJobsTelemetry(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var version = typeof(ExportJobsTelemetry).Assembly.GetName().Version?.ToString(3);
        Meter = new Meter(Name, version);
        ActivitySource = new ActivitySource(Name, version);
        _runsStarted = Meter.CreateCounter<long>(ExportJobsTelemetryNames.RunsStarted, "{run}", "Export runs started.");
        _runsSucceeded = Meter.CreateCounter<long>(ExportJobsTelemetryNames.RunsSucceeded, "{run}", "Export runs that delivered their file.");
        _runsFailed = Meter.CreateCounter<long>(ExportJobsTelemetryNames.RunsFailed, "{run}", "Export runs that ended with an error.");
        _records = Meter.CreateCounter<long>(ExportJobsTelemetryNames.RecordsExported, "{record}", "Records written by successful runs.");
        _bytes = Meter.CreateCounter<long>(ExportJobsTelemetryNames.BytesExported, "By", "Bytes delivered by successful runs (after compression).");
        _duration = Meter.CreateHistogram<double>(ExportJobsTelemetryNames.RunDuration, "s", "Duration of export runs, successful or not.");
        _lateness = Meter.CreateHistogram<double>(ExportJobsTelemetryNames.SchedulerLateness, "s", "How long after its scheduled time a run was started.");
        _skipped = Meter.CreateCounter<long>(ExportJobsTelemetryNames.OccurrencesSkipped, "{occurrence}", "Scheduled occurrences that did not run (overlap: the previous run still went; misfire: missed beyond the grace window).");
    }

    /// <summary>The meter named <c>"ExportJobs"</c>.</summary>
    public Meter Meter { get; }

    /// <summary>The activity source named <c>"ExportJobs"</c>.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Counts a started run and starts its activity; dispose the result when the run has ended.</summary>
    /// <param name="job">The job being run.</param>
    /// <param name="run">The run record as first stored.</param>
    /// <returns>The run's telemetry: call <see cref="ExportRunTelemetry.Succeeded"/> or <see cref="ExportRunTelemetry.Failed"/>, then dispose it.</returns>
    public ExportRunTelemetry StartRun(ExportJob job, ExportRun run)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(run);
        var tags = new TagList
        {
            { ExportJobsTelemetryNames.JobIdTag, job.Id },
            { ExportJobsTelemetryNames.FormatTag, job.Format },
            { ExportJobsTelemetryNames.DestinationTypeTag, job.DestinationType },
            { ExportJobsTelemetryNames.TriggerTag, TriggerName(run.Trigger) },
        };
        var activity = ActivitySource.StartActivity(RunActivityName, ActivityKind.Internal);
        if (activity is not null)
        {
            foreach (var tag in tags)
            {
                activity.SetTag(tag.Key, tag.Value);
            }

            activity.SetTag(ExportJobsTelemetryNames.JobNameTag, job.Name);
            activity.SetTag(ExportJobsTelemetryNames.RunIdTag, run.Id);
            activity.SetTag(ExportJobsTelemetryNames.CompressTag, job.Compress);
        }

        _runsStarted.Add(1, tags);
        return new ExportRunTelemetry(this, activity, tags, _time.GetTimestamp());
    }

    /// <summary>Records how late the scheduler started a run after its scheduled occurrence.</summary>
    /// <param name="job">The job.</param>
    /// <param name="lateness">Start time minus scheduled time; negative values count as zero.</param>
    public void RecordSchedulerLateness(ExportJob job, TimeSpan lateness)
    {
        ArgumentNullException.ThrowIfNull(job);
        _lateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>(ExportJobsTelemetryNames.JobIdTag, job.Id));
    }

    /// <summary>Counts a scheduled occurrence that did not run.</summary>
    /// <param name="job">The job.</param>
    /// <param name="reason">Why, a short word: <c>"overlap"</c> or <c>"misfire"</c>.</param>
    public void RecordSkippedOccurrence(ExportJob job, string reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        _skipped.Add(
            1,
            new KeyValuePair<string, object?>(ExportJobsTelemetryNames.JobIdTag, job.Id),
            new KeyValuePair<string, object?>(ExportJobsTelemetryNames.ReasonTag, reason));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }

    internal void EndRun(in TagList tags, long startTimestamp, bool succeeded, long records, long bytes)
    {
        if (succeeded)
        {
            _runsSucceeded.Add(1, tags);
            _records.Add(records, tags);
            _bytes.Add(bytes, tags);
        }
        else
        {
            _runsFailed.Add(1, tags);
        }

        var status = new TagList();
        foreach (var tag in tags)
        {
            status.Add(tag);
        }

        status.Add(ExportJobsTelemetryNames.StatusTag, succeeded ? "success" : "failed");
        _duration.Record(_time.GetElapsedTime(startTimestamp).TotalSeconds, status);
    }

    private static string TriggerName(ExportRunTrigger trigger) => trigger switch
    {
        ExportRunTrigger.Schedule => "schedule",
        ExportRunTrigger.Manual => "manual",
        ExportRunTrigger.Retry => "retry",
        _ => "external",
    };
}
