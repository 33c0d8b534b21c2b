using System.Text.Json.Nodes;

namespace ExportJobs.Model;

/// <summary>
/// The settings of an export job that a user chooses: what is exported, how it is written, where it goes and when.
/// </summary>
/// <remarks>
/// This is the body of <c>POST /export-jobs</c> and <c>PUT /export-jobs/{id}</c>. <see cref="ExportJob"/> adds what the
/// library keeps about a stored job (id, timestamps, pause reason).
/// </remarks>
public record ExportJobDefinition
{
    /// <summary>Human-readable name of the job.</summary>
    public required string Name { get; init; }

    /// <summary>Optional description of the job's purpose.</summary>
    public string? Description { get; init; }

    /// <summary>The registered destination type name: <c>s3</c>, <c>azure-blob</c>, <c>sftp</c>, <c>webhook</c> or a plugin's name.</summary>
    public required string DestinationType { get; init; }

    /// <summary>Destination-specific settings, validated by the destination registered under <see cref="DestinationType"/>.</summary>
    public JsonObject DestinationConfig { get; init; } = [];

    /// <summary>The registered output format name: <c>csv</c>, <c>json</c>, <c>jsonl</c>, <c>xml</c>, <c>xlsx</c> or a plugin's format (<c>parquet</c>).</summary>
    public required string Format { get; init; }

    /// <summary>Only records of this schema, when set.</summary>
    public string? SchemaId { get; init; }

    /// <summary>Only records assigned to this catalog, when set.</summary>
    public string? CatalogId { get; init; }

    /// <summary>Dimension scope for value flattening, for example <c>{"dim-language": "seg-en"}</c>.</summary>
    public IReadOnlyDictionary<string, string>? DimensionScope { get; init; }

    /// <summary>A standard 5-field cron expression, evaluated in <see cref="TimeZone"/>.</summary>
    public required string Schedule { get; init; }

    /// <summary>IANA time zone id the schedule is evaluated in; <see langword="null"/> means the library's default.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Whether variant records (records with a parent) are exported.</summary>
    public bool IncludeVariants { get; init; }

    /// <summary>Whether the output file is gzip-compressed.</summary>
    public bool Compress { get; init; }

    /// <summary>The file name template used when a job does not set one.</summary>
    public const string DefaultFilenameTemplate = "{jobId}-{date}.{format}";

    /// <summary>
    /// The output file name template: <c>{date}</c> (yyyy-MM-dd of the run's scheduled time in the job's time zone),
    /// <c>{date:FORMAT}</c> (any .NET date format), <c>{time}</c> (HHmmss), <c>{jobId}</c>, <c>{runId}</c> and
    /// <c>{format}</c>. Subfolders are allowed; <c>..</c>, absolute paths, backslashes and control characters are not.
    /// </summary>
    public string FilenameTemplate { get; init; } = DefaultFilenameTemplate;

    /// <summary>Whether the job runs on its schedule. A paused job keeps its configuration.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Full exports, or only the records changed since the last successful run.</summary>
    public ExportMode Mode { get; init; } = ExportMode.Full;

    /// <summary>How much run history is kept; <see langword="null"/> takes the host's defaults for both limits.</summary>
    public ExportRetention? Retention { get; init; }

    /// <summary>
    /// The output columns, in order, with their headers and defaults; <see langword="null"/> exports the record fields
    /// and then every column the record source names, under their codes (the output of jobs without this setting).
    /// </summary>
    public IReadOnlyList<ExportJobColumn>? Columns { get; init; }

    /// <summary>Whether output columns without an explicit header are named by code (the default) or by the source's label.</summary>
    public ExportHeaders Headers { get; init; } = ExportHeaders.Codes;

    /// <summary>
    /// Whether a run that finds no records delivers nothing: it succeeds with <c>recordCount: 0</c>, no file, no
    /// <c>destinationPath</c> and a <see cref="ExportRun.Skipped"/> reason. <see langword="false"/> (the default) delivers
    /// an empty file (a header-only CSV, <c>[]</c>, an empty XML root, 0 bytes of JSONL), as before.
    /// </summary>
    /// <remarks>Meant for <see cref="ExportMode.Changes"/> jobs that run often: no empty file every few minutes.</remarks>
    public bool SkipEmpty { get; init; }

    /// <summary>
    /// Splits the output into parts of at most so many records and/or bytes; <see langword="null"/> (the default) writes
    /// one file. A split job's <see cref="FilenameTemplate"/> must contain <c>{part}</c> (or <c>{part:N}</c>).
    /// </summary>
    public ExportSplit? Split { get; init; }

    /// <summary>
    /// Whether a run delivers <c>&lt;name&gt;.manifest.json</c> after every data file: job, run, occurrence, format,
    /// compression, totals, and each file's name, records, bytes and SHA-256. Consumers wait for the manifest: it is
    /// delivered last, only once every part was. Its name is the filename template rendered without <c>{part}</c> (and
    /// one separator next to it) plus <c>.manifest.json</c>, never with <c>.gz</c>.
    /// </summary>
    public bool Manifest { get; init; }

    /// <summary>
    /// The job's own notification channels (<c>notifications: [{ "type": "webhook", "on": ["failed"], "url": … }]</c>);
    /// they replace the host's default channels for this job. <c>[]</c> opts the job out of the host's channels;
    /// <see langword="null"/> (the default, and every job stored before this setting existed) uses them.
    /// </summary>
    /// <remarks>Needs the notifications package (<c>AddNotifications()</c>): without it a job with channels is refused.</remarks>
    public IReadOnlyList<ExportJobNotification>? Notifications { get; init; }
}
