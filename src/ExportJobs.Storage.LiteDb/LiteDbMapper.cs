using System.Text.Json.Nodes;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>Maps jobs and runs to LiteDB documents with explicit field names, so the file stays readable and stable across versions.</summary>
internal static class LiteDbMapper
{
    public static BsonDocument FromJob(ExportJob job) => new()
    {
        ["_id"] = job.Id,
        ["name"] = job.Name,
        ["description"] = job.Description,
        ["destinationType"] = job.DestinationType,
        ["destinationConfig"] = JsonSerializer.Deserialize(job.DestinationConfig.ToJsonString()),
        ["format"] = job.Format,
        ["schemaId"] = job.SchemaId,
        ["catalogId"] = job.CatalogId,
        ["dimensionScope"] = job.DimensionScope is null ? BsonValue.Null : new BsonDocument(job.DimensionScope.ToDictionary(p => p.Key, p => new BsonValue(p.Value))),
        ["schedule"] = job.Schedule,
        ["timeZone"] = job.TimeZone,
        ["includeVariants"] = job.IncludeVariants,
        ["compress"] = job.Compress,
        ["filenameTemplate"] = job.FilenameTemplate,
        ["active"] = job.Active,
        ["mode"] = job.Mode.ToString(),
        ["pausedReason"] = job.PausedReason,
        ["createdAt"] = job.CreatedAt.UtcTicks,
        ["updatedAt"] = job.UpdatedAt.UtcTicks,
    };

    public static ExportJob ToJob(BsonDocument doc)
    {
        var definition = new ExportJobDefinition
        {
            Name = doc["name"].AsString,
            Description = NullableString(doc["description"]),
            DestinationType = doc["destinationType"].AsString,
            DestinationConfig = JsonNode.Parse(JsonSerializer.Serialize(doc["destinationConfig"]))!.AsObject(),
            Format = doc["format"].AsString,
            SchemaId = NullableString(doc["schemaId"]),
            CatalogId = NullableString(doc["catalogId"]),
            DimensionScope = doc["dimensionScope"].IsDocument
                ? doc["dimensionScope"].AsDocument.ToDictionary(p => p.Key, p => p.Value.AsString, StringComparer.Ordinal)
                : null,
            Schedule = doc["schedule"].AsString,
            TimeZone = NullableString(doc["timeZone"]),
            IncludeVariants = doc["includeVariants"].AsBoolean,
            Compress = doc["compress"].AsBoolean,
            FilenameTemplate = doc["filenameTemplate"].AsString,
            Active = doc["active"].AsBoolean,
            Mode = Enum.Parse<ExportMode>(doc["mode"].AsString),
        };
        return new ExportJob(doc["_id"].AsString, definition)
        {
            PausedReason = NullableString(doc["pausedReason"]),
            CreatedAt = FromTicks(doc["createdAt"]),
            UpdatedAt = FromTicks(doc["updatedAt"]),
        };
    }

    public static BsonDocument FromRun(ExportRun run) => new()
    {
        ["_id"] = run.Id,
        ["jobId"] = run.JobId,
        ["sortKey"] = $"{run.JobId}|{run.StartedAt.UtcTicks:D19}|{run.Id}",
        ["status"] = StatusName(run.Status),
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
    };

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
    };

    public static string StatusName(ExportRunStatus status) => status switch
    {
        ExportRunStatus.Running => "running",
        ExportRunStatus.Success => "success",
        _ => "failed",
    };

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    private static DateTimeOffset FromTicks(BsonValue value) => new(value.AsInt64, TimeSpan.Zero);
}
