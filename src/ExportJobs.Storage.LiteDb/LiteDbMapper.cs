using JsonSerializer = System.Text.Json.JsonSerializer;
using System.Text.Json.Nodes;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>Maps jobs and runs to LiteDB documents with explicit field names, so the file stays readable and stable across versions.</summary>
/// <remarks>
/// <c>destinationConfig</c>, <c>dimensionScope</c> and <c>columns</c> are kept as JSON text, not as nested documents: LiteDB's JSON
/// reader turns <c>{"$date": …}</c>-style objects into its own types, widens or narrows numbers (<c>1.10</c> becomes
/// <c>1.1</c>, integers beyond 64 bits lose digits) and does not keep key order, while the text round-trips exactly.
/// Instants are UTC ticks: stores compare them as instants and need not keep the offset.
/// </remarks>
internal static class LiteDbMapper
{
    public static BsonDocument FromJob(ExportJob job) => new()
    {
        ["_id"] = job.Id,
        ["name"] = job.Name,
        ["description"] = job.Description,
        ["destinationType"] = job.DestinationType,
        ["destinationConfig"] = job.DestinationConfig.ToJsonString(),
        ["format"] = job.Format,
        ["schemaId"] = job.SchemaId,
        ["catalogId"] = job.CatalogId,
        ["dimensionScope"] = job.DimensionScope is null ? BsonValue.Null : JsonSerializer.Serialize(job.DimensionScope),
        ["schedule"] = job.Schedule,
        ["timeZone"] = job.TimeZone,
        ["includeVariants"] = job.IncludeVariants,
        ["compress"] = job.Compress,
        ["filenameTemplate"] = job.FilenameTemplate,
        ["active"] = job.Active,
        ["mode"] = job.Mode.ToString(),
        ["columns"] = ExportJobColumnsJson.Serialize(job.Columns) is { } columns ? columns : BsonValue.Null,
        ["headers"] = job.Headers.ToString(),
        ["pausedReason"] = job.PausedReason,
        ["createdAt"] = job.CreatedAt.UtcTicks,
        ["updatedAt"] = job.UpdatedAt.UtcTicks,
        ["version"] = job.Version,
        ["retention"] = job.Retention is { } retention
            ? new BsonDocument { ["maxRuns"] = NullableInt(retention.MaxRuns), ["maxAgeDays"] = NullableInt(retention.MaxAgeDays) }
            : BsonValue.Null,
        ["skipEmpty"] = job.SkipEmpty,
        ["split"] = job.Split is { } split
            ? new BsonDocument { ["maxRecords"] = NullableLong(split.MaxRecords), ["maxBytes"] = NullableLong(split.MaxBytes) }
            : BsonValue.Null,
        ["manifest"] = job.Manifest,
        ["notifications"] = ExportJobNotificationsJson.Serialize(job.Notifications) is { } notifications ? notifications : BsonValue.Null,
    };

    public static ExportJob ToJob(BsonDocument doc)
    {
        var definition = new ExportJobDefinition
        {
            Name = doc["name"].AsString,
            Description = NullableString(doc["description"]),
            DestinationType = doc["destinationType"].AsString,
            DestinationConfig = JsonNode.Parse(doc["destinationConfig"].AsString)!.AsObject(),
            Format = doc["format"].AsString,
            SchemaId = NullableString(doc["schemaId"]),
            CatalogId = NullableString(doc["catalogId"]),
            DimensionScope = doc["dimensionScope"].IsNull ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(doc["dimensionScope"].AsString),
            Schedule = doc["schedule"].AsString,
            TimeZone = NullableString(doc["timeZone"]),
            IncludeVariants = doc["includeVariants"].AsBoolean,
            Compress = doc["compress"].AsBoolean,
            FilenameTemplate = doc["filenameTemplate"].AsString,
            Active = doc["active"].AsBoolean,
            Mode = Enum.Parse<ExportMode>(doc["mode"].AsString),
            Retention = ToRetention(doc["retention"]),

            // Jobs stored before columns and headers existed have neither field: every column, by code.
            Columns = ExportJobColumnsJson.Deserialize(NullableString(doc["columns"])),
            Headers = doc["headers"].IsNull ? ExportHeaders.Codes : Enum.Parse<ExportHeaders>(doc["headers"].AsString),

            // Jobs stored before large outputs (skipEmpty) have no such field: they deliver empty files, as before.
            SkipEmpty = doc["skipEmpty"].IsBoolean && doc["skipEmpty"].AsBoolean,
            Split = doc["split"].IsDocument
                ? new ExportSplit
                {
                    MaxRecords = doc["split"]["maxRecords"].IsNull ? null : doc["split"]["maxRecords"].AsInt64,
                    MaxBytes = doc["split"]["maxBytes"].IsNull ? null : doc["split"]["maxBytes"].AsInt64,
                }
                : null,
            Manifest = doc["manifest"].IsBoolean && doc["manifest"].AsBoolean,

            // Jobs stored before job-level notifications have no such field: null, the host's default channels.
            Notifications = ExportJobNotificationsJson.Deserialize(NullableString(doc["notifications"])),
        };
        return new ExportJob(doc["_id"].AsString, definition)
        {
            PausedReason = NullableString(doc["pausedReason"]),
            CreatedAt = FromTicks(doc["createdAt"]),
            UpdatedAt = FromTicks(doc["updatedAt"]),
            Version = JobVersion(doc),
        };
    }

    /// <summary>A job document's version; 1 for a job stored by a release before versions (no <c>version</c> field).</summary>
    public static long JobVersion(BsonDocument doc) =>
        doc.TryGetValue("version", out var version) && version.IsNumber ? version.AsInt64 : 1;

    public static BsonDocument FromRun(ExportRun run)
    {
        var status = StatusName(run.Status);
        var doc = new BsonDocument
        {
            ["_id"] = run.Id,
            ["jobId"] = run.JobId,
            ["sortKey"] = LiteDbKeys.RunSortKey(run.JobId, run.StartedAt, run.Id),
            ["status"] = status,
            ["startedAt"] = run.StartedAt.UtcTicks,
            ["completedAt"] = run.CompletedAt is { } completed ? completed.UtcTicks : BsonValue.Null,
            ["recordCount"] = run.RecordCount is { } count ? count : BsonValue.Null,
            ["fileSize"] = run.FileSize is { } size ? size : BsonValue.Null,
            ["destinationPath"] = run.DestinationPath,
            ["error"] = run.Error,
            ["checksum"] = run.Checksum,
            ["fileName"] = run.FileName,
            ["scheduledAt"] = run.ScheduledAt is { } scheduled ? scheduled.UtcTicks : BsonValue.Null,
            ["trigger"] = run.Trigger.ToString(),
            ["attempt"] = run.Attempt,
            ["owner"] = run.Owner,
            ["epoch"] = run.Epoch,
        };

        // The rest of the lifecycle fields are written only when set: most runs are never cancelled and keep no progress,
        // and a missing field reads back as its default (as in runs written before these fields existed).
        if (run.Cancelled)
        {
            doc["cancelled"] = true;
        }

        if (run.CancelledBy is not null)
        {
            doc["cancelledBy"] = run.CancelledBy;
        }

        if (run.Progress is { } progress)
        {
            doc["progress"] = new BsonDocument
            {
                ["stage"] = progress.Stage.ToString(),
                ["records"] = progress.RecordsWritten,
                ["bytes"] = progress.BytesWritten,
                ["at"] = progress.UpdatedAt.UtcTicks,
            };
        }

        if (run.Skipped is not null)
        {
            doc["skipped"] = run.Skipped;
        }

        if (run.Mode is { } mode)
        {
            doc["mode"] = mode.ToString();
        }

        if (run.Files is { } files)
        {
            doc["files"] = new BsonArray(files.Select(f => new BsonDocument
            {
                ["name"] = f.Name,
                ["path"] = f.Path,
                ["records"] = f.Records,
                ["bytes"] = f.Bytes,
                ["checksum"] = f.Checksum,
            }));
        }

        return doc;
    }

    public static ExportRun ToRun(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsString,
        JobId = doc["jobId"].AsString,
        Status = Enum.Parse<ExportRunStatus>(doc["status"].AsString, ignoreCase: true),
        StartedAt = FromTicks(doc["startedAt"]),
        CompletedAt = doc["completedAt"].IsNull ? null : FromTicks(doc["completedAt"]),
        RecordCount = doc["recordCount"].IsNull ? null : doc["recordCount"].AsInt64,
        FileSize = doc["fileSize"].IsNull ? null : doc["fileSize"].AsInt64,
        DestinationPath = NullableString(doc["destinationPath"]),
        Error = NullableString(doc["error"]),
        Checksum = NullableString(doc["checksum"]),
        FileName = NullableString(doc["fileName"]),
        ScheduledAt = doc["scheduledAt"].IsNull ? null : FromTicks(doc["scheduledAt"]),
        Trigger = Enum.Parse<ExportRunTrigger>(doc["trigger"].AsString),
        Attempt = doc["attempt"].AsInt32,
        // Runs written by releases before the run lifecycle have none of these fields: the indexer then reads null.
        Owner = NullableString(doc["owner"]),
        Epoch = doc["epoch"].IsNull ? 0 : doc["epoch"].AsInt64,
        Cancelled = !doc["cancelled"].IsNull && doc["cancelled"].AsBoolean,
        CancelledBy = NullableString(doc["cancelledBy"]),
        Progress = doc["progress"].IsDocument ? ToProgress(doc["progress"].AsDocument) : null,
        Skipped = NullableString(doc["skipped"]),
        // Runs written before runs recorded their mode have no such field: unknown (null).
        Mode = doc["mode"].IsString && Enum.TryParse<ExportMode>(doc["mode"].AsString, ignoreCase: true, out var mode) ? mode : null,
        Files = doc["files"].IsArray
            ? doc["files"].AsArray.Select(f => new ExportRunFile
            {
                Name = f["name"].AsString,
                Path = f["path"].AsString,
                Records = f["records"].AsInt64,
                Bytes = f["bytes"].AsInt64,
                Checksum = f["checksum"].AsString,
            }).ToArray()
            : null,
    };

    private static ExportRunProgress ToProgress(BsonDocument doc) =>
        new(Enum.Parse<ExportRunProgressStage>(doc["stage"].AsString), doc["records"].AsInt64, doc["bytes"].AsInt64, FromTicks(doc["at"]));

    /// <summary>The entry of a run in the small <c>running</c> collection, which finds runs still running without scanning every run.</summary>
    public static BsonDocument RunningEntry(BsonDocument run) => new()
    {
        ["_id"] = run["_id"],
        ["jobId"] = run["jobId"],
    };

    public static bool IsRunning(BsonDocument run) => run["status"].AsString == StatusName(ExportRunStatus.Running);

    public static string StatusName(ExportRunStatus status) => status switch
    {
        ExportRunStatus.Running => "running",
        ExportRunStatus.Success => "success",
        ExportRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    private static BsonValue NullableInt(int? value) => value is { } v ? v : BsonValue.Null;

    private static BsonValue NullableLong(long? value) => value is { } v ? v : BsonValue.Null;

    // Jobs written before retention existed have no "retention" field: the indexer reads a missing field as null.
    private static ExportRetention? ToRetention(BsonValue value) => value.IsDocument
        ? new ExportRetention
        {
            MaxRuns = value["maxRuns"].IsNull ? null : value["maxRuns"].AsInt32,
            MaxAgeDays = value["maxAgeDays"].IsNull ? null : value["maxAgeDays"].AsInt32,
        }
        : null;

    private static DateTimeOffset FromTicks(BsonValue value) => new(value.AsInt64, TimeSpan.Zero);
}
