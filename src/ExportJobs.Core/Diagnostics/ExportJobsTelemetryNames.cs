namespace ExportJobs.Diagnostics;

/// <summary>The names of the library's instruments and tags (documented in the README).</summary>
public static class ExportJobsTelemetryNames
{
    /// <summary>The name of the meter and of the activity source: <c>AddMeter(Name)</c>, <c>AddSource(Name)</c>.</summary>
    public const string Name = "ExportJobs";

    /// <summary>The name of the activity started for every run.</summary>
    public const string RunActivity = "ExportJobs.Run";

    /// <summary>Counter of started runs.</summary>
    public const string RunsStarted = "exportjobs.runs.started";

    /// <summary>Counter of successful runs.</summary>
    public const string RunsSucceeded = "exportjobs.runs.succeeded";

    /// <summary>Counter of failed runs.</summary>
    public const string RunsFailed = "exportjobs.runs.failed";

    /// <summary>Counter of records exported by successful runs.</summary>
    public const string RecordsExported = "exportjobs.records.exported";

    /// <summary>Counter of bytes delivered by successful runs.</summary>
    public const string BytesExported = "exportjobs.bytes.exported";

    /// <summary>Histogram of run durations in seconds.</summary>
    public const string RunDuration = "exportjobs.run.duration";

    /// <summary>Histogram of the scheduler's lateness in seconds.</summary>
    public const string SchedulerLateness = "exportjobs.scheduler.lateness";

    /// <summary>Counter of scheduled occurrences that did not run.</summary>
    public const string OccurrencesSkipped = "exportjobs.scheduler.skipped";

    /// <summary>Tag: the job's id.</summary>
    public const string JobIdTag = "exportjobs.job.id";

    /// <summary>Tag (activity only): the job's name.</summary>
    public const string JobNameTag = "exportjobs.job.name";

    /// <summary>Tag: the job's format.</summary>
    public const string FormatTag = "exportjobs.format";

    /// <summary>Tag: the job's destination type.</summary>
    public const string DestinationTypeTag = "exportjobs.destination.type";

    /// <summary>Tag: what started the run (schedule, manual, retry, external).</summary>
    public const string TriggerTag = "exportjobs.run.trigger";

    /// <summary>Tag (activity only): the run's id.</summary>
    public const string RunIdTag = "exportjobs.run.id";

    /// <summary>Tag (activity only): whether the file is gzip-compressed.</summary>
    public const string CompressTag = "exportjobs.compress";

    /// <summary>Tag (activity only): records written.</summary>
    public const string RecordCountTag = "exportjobs.run.records";

    /// <summary>Tag (activity only): bytes delivered.</summary>
    public const string FileSizeTag = "exportjobs.run.bytes";

    /// <summary>Tag of the duration histogram: <c>success</c> or <c>failed</c>.</summary>
    public const string StatusTag = "exportjobs.run.status";

    /// <summary>Tag of the skipped counter: why the occurrence was skipped.</summary>
    public const string ReasonTag = "exportjobs.skip.reason";
}
