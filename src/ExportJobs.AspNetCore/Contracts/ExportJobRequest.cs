using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of a create or replace request, as described in the OpenAPI document.</summary>
/// <remarks>
/// The handlers read bodies field by field (<see cref="ExportJobRequestReader"/>) so that every field error is reported
/// at once; this type only tells the OpenAPI generator what the body looks like.
/// </remarks>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportJobRequest
{
    [Description("A name for people, shown in the dashboard.")]
    public required string Name { get; init; }

    [Description("Free text.")]
    public string? Description { get; init; }

    [Description("A registered destination type: 's3', 'azure-blob', 'sftp', 'webhook' or one the host added.")]
    public required string DestinationType { get; init; }

    [Description("The destination's settings; secret settings come back masked and may be sent back masked to keep them.")]
    public required JsonObject DestinationConfig { get; init; }

    [Description("A registered format: 'csv', 'json', 'jsonl', 'xml', 'xlsx' or one the host added (e.g. 'parquet' with AddParquetFormat()).")]
    public required string Format { get; init; }

    [Description("The schema that selects the exported fields.")]
    public string? SchemaId { get; init; }

    [Description("The catalog to export.")]
    public string? CatalogId { get; init; }

    [Description("Dimension values that scope the export, e.g. {\"dim-language\": \"seg-en\"}.")]
    public IReadOnlyDictionary<string, string>? DimensionScope { get; init; }

    [Description("A 5-field cron expression (minute hour day-of-month month day-of-week).")]
    public required string Schedule { get; init; }

    [Description("An IANA time zone id for the schedule; the configured default when absent.")]
    public string? TimeZone { get; init; }

    [Description("Whether variants are exported with their products.")]
    public bool? IncludeVariants { get; init; }

    [Description("Whether the file is gzip-compressed.")]
    public bool? Compress { get; init; }

    [Description("The file name template, e.g. '{jobName}-{date:yyyyMMdd}.{ext}'.")]
    public string? FilenameTemplate { get; init; }

    [Description("false creates the job paused.")]
    public bool? Active { get; init; }

    [Description("'full' exports everything; 'changes' only what changed since the last successful run.")]
    public ExportMode? Mode { get; init; }

    [Description("The output columns in order: {source, header?, default?}; source is a record field (id, schemaId, parentId, catalogIds, updatedAt) or an attribute code. Absent or null exports every column under its code.")]
    public IReadOnlyList<ExportJobColumnRequest>? Columns { get; init; }

    [Description("'codes' (default) names columns by attribute code; 'labels' by the record source's label in the dimensionScope's segment, falling back to the code. An explicit columns[].header wins.")]
    public ExportHeaders? Headers { get; init; }

    [Description("How much run history is kept: { maxRuns, maxAgeDays }, each at least 1; a missing or null limit takes the host's default (ExportJobs:Retention, 1000 runs and 90 days unless configured). The newest successful run, the newest failed run and running runs are always kept.")]
    public ExportRetention? Retention { get; init; }

    [Description("true: a run that finds no records delivers nothing and succeeds with recordCount 0, no fileSize, no destinationPath and skipped: 'no changes' (a changes run) or 'no records' (a full run). false (default) delivers an empty file.")]
    public bool? SkipEmpty { get; init; }

    [Description("Splits the output into parts: { maxRecords?, maxBytes? } (either or both; maxRecords at least 1, maxBytes at least 1024 and counted after gzip, text formats only). Each part is a complete file of its format; the filenameTemplate must contain {part} (4 digits) or {part:N}. A record larger than maxBytes on its own is a part of its own. Absent or null: one file.")]
    public ExportSplit? Split { get; init; }

    [Description("true: after every data file, deliver <name>.manifest.json (job, run, occurrence, format, compression, totals and each file's name, path, records, bytes and sha256). Its name is the template without {part} (and one separator next to it) plus .manifest.json. Consumers wait for it.")]
    public bool? Manifest { get; init; }

    [Description("The job's own notification channels: [{ type, on, ...settings }] (webhook: url, secret; slack: url; email: to). They replace the host's default channels (ExportJobs:Notifications:Channels) for this job; [] opts the job out of them; absent or null uses them. Needs AddNotifications() on the host. Secrets come back masked and may be sent back masked to keep them.")]
    public IReadOnlyList<ExportJobNotificationContract>? Notifications { get; init; }
}
