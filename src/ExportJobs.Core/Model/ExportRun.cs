using System.Text.Json.Serialization;

namespace ExportJobs.Model;

/// <summary>One execution of an export job, as kept in the run history.</summary>
public sealed record ExportRun
{
    /// <summary>Unique run id.</summary>
    public required string Id { get; init; }

    /// <summary>The parent job's id.</summary>
    public required string JobId { get; init; }

    /// <summary>Current status.</summary>
    public ExportRunStatus Status { get; init; } = ExportRunStatus.Running;

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended; <see langword="null"/> while it is running.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Number of records exported.</summary>
    public long? RecordCount { get; init; }

    /// <summary>Size of the delivered file in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>Full path or URL where the file was delivered.</summary>
    public string? DestinationPath { get; init; }

    /// <summary>Why the run failed. Never contains a secret.</summary>
    public string? Error { get; init; }

    /// <summary>Lower-case hex SHA-256 of the delivered file.</summary>
    public string? Checksum { get; init; }

    /// <summary>The delivered file's name, as rendered from the job's filename template.</summary>
    public string? FileName { get; init; }

    /// <summary>The cron occurrence this run belongs to; <see langword="null"/> for manual and external runs.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>What started the run.</summary>
    public ExportRunTrigger Trigger { get; init; } = ExportRunTrigger.External;

    /// <summary>1 for a first attempt; higher for retries of the same occurrence.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The host that runs (or ran) it, written when the run is opened; <see langword="null"/> for external runs.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// The fencing epoch of the run's lease: set when the run is opened and raised whenever another host takes the run
    /// away from its owner (fails it after its lease expired). A write that names an older epoch is refused.
    /// </summary>
    [JsonIgnore]
    public long Epoch { get; init; }

    /// <summary>How far the run got, while it is <see cref="ExportRunStatus.Running"/>; <see langword="null"/> once it ended.</summary>
    public ExportRunProgress? Progress { get; init; }

    /// <summary>
    /// Whether the run was cancelled on request (<c>POST …/runs/{runId}/cancel</c>): while it runs, that a cancel was
    /// asked for; once it ended, that it ended <see cref="ExportRunStatus.Failed"/> because of it. Read-only in the API.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>Who asked for the cancel, when the host knew the user; <see langword="null"/> otherwise.</summary>
    public string? CancelledBy { get; init; }

    /// <summary>
    /// Why a successful run delivered nothing, for a job with <see cref="ExportJobDefinition.SkipEmpty"/>:
    /// <see cref="NoChanges"/> (a <c>changes</c> run found no changed record) or <see cref="NoRecords"/> (a <c>full</c>
    /// run found none); <see langword="null"/> for every run that delivered (or tried to deliver) a file.
    /// </summary>
    public string? Skipped { get; init; }

    /// <summary>
    /// The files a split run, or a run with a manifest, delivered, in order (the manifest not included);
    /// <see langword="null"/> for a run that delivered one file without a manifest (its fields say everything).
    /// </summary>
    /// <remarks>
    /// With files, <see cref="RecordCount"/> and <see cref="FileSize"/> are totals over the files; <see cref="Checksum"/>
    /// and <see cref="FileName"/> are the manifest's (without a manifest: the first file's), and
    /// <see cref="DestinationPath"/> is the manifest's location (without one: the first file's folder or prefix, its
    /// path without its name).
    /// </remarks>
    public IReadOnlyList<ExportRunFile>? Files { get; init; }

    /// <summary>
    /// The mode the run exported in: the job's <c>mode</c> when the run started, or the mode its trigger asked for once
    /// (<c>POST …/trigger</c> with <c>{ "mode": "full" }</c> records <see cref="ExportMode.Full"/> on a <c>changes</c>
    /// job). Read-only in the API. <see langword="null"/> for runs recorded by releases before this field and for runs
    /// reported from outside (<c>POST …/runs</c>).
    /// </summary>
    /// <remarks>Recorded on every run the library starts, not only on overridden ones, because a job's mode can change
    /// later (PUT): the run says what it did without looking at the job.</remarks>
    public ExportMode? Mode { get; init; }

    /// <summary>The <see cref="Skipped"/> reason of a <c>changes</c> run that found nothing to deliver.</summary>
    public const string NoChanges = "no changes";

    /// <summary>The <see cref="Skipped"/> reason of a <c>full</c> run that found nothing to deliver.</summary>
    public const string NoRecords = "no records";
}
