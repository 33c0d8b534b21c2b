using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Model;
using Npgsql;
using NpgsqlTypes;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>Binds jobs and runs to positional parameters and reads them back, in the column order of <see cref="PostgreSqlStatements"/>.</summary>
internal static class PostgreSqlMapper
{
    public static void BindJob(NpgsqlParameterCollection p, ExportJob job)
    {
        p.Add(Text(job.Id));
        p.Add(Text(job.Name));
        p.Add(Text(job.Description));
        p.Add(Text(job.DestinationType));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = job.DestinationConfig.ToJsonString() });
        p.Add(Text(job.Format));
        p.Add(Text(job.SchemaId));
        p.Add(Text(job.CatalogId));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = job.DimensionScope is null ? DBNull.Value : JsonSerializer.Serialize(job.DimensionScope) });
        p.Add(Text(job.Schedule));
        p.Add(Text(job.TimeZone));
        p.Add(new NpgsqlParameter<bool> { TypedValue = job.IncludeVariants });
        p.Add(new NpgsqlParameter<bool> { TypedValue = job.Compress });
        p.Add(Text(job.FilenameTemplate));
        p.Add(new NpgsqlParameter<bool> { TypedValue = job.Active });
        p.Add(Text(job.Mode.ToString()));
        p.Add(Text(job.PausedReason));
        p.Add(Instant(job.CreatedAt));
        p.Add(Instant(job.UpdatedAt));
        p.Add(NullableInt(job.Retention?.MaxRuns));
        p.Add(NullableInt(job.Retention?.MaxAgeDays));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = (object?)ExportJobColumnsJson.Serialize(job.Columns) ?? DBNull.Value });
        p.Add(Text(job.Headers.ToString()));
        p.Add(new NpgsqlParameter<long> { TypedValue = job.Version });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = (object?)PostgreSqlOutputJson.FromJob(job) ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = (object?)ExportJobNotificationsJson.Serialize(job.Notifications) ?? DBNull.Value });
    }

    public static ExportJob ReadJob(NpgsqlDataReader r)
    {
        var definition = new ExportJobDefinition
        {
            Name = r.GetString(1),
            Description = NullableString(r, 2),
            DestinationType = r.GetString(3),
            DestinationConfig = JsonNode.Parse(r.GetString(4))!.AsObject(),
            Format = r.GetString(5),
            SchemaId = NullableString(r, 6),
            CatalogId = NullableString(r, 7),
            DimensionScope = r.IsDBNull(8) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(8)),
            Schedule = r.GetString(9),
            TimeZone = NullableString(r, 10),
            IncludeVariants = r.GetBoolean(11),
            Compress = r.GetBoolean(12),
            FilenameTemplate = r.GetString(13),
            Active = r.GetBoolean(14),
            Mode = Enum.Parse<ExportMode>(r.GetString(15)),
            Retention = r.IsDBNull(19) && r.IsDBNull(20)
                ? null
                : new ExportRetention { MaxRuns = r.IsDBNull(19) ? null : r.GetInt32(19), MaxAgeDays = r.IsDBNull(20) ? null : r.GetInt32(20) },
            Columns = ExportJobColumnsJson.Deserialize(NullableString(r, 21)),
            Headers = Enum.Parse<ExportHeaders>(r.GetString(22)),
        };
        definition = PostgreSqlOutputJson.ApplyToJob(definition, NullableString(r, 24));

        // Rows written before schema version 9 have no notifications: null, the host's default channels.
        definition = definition with { Notifications = ExportJobNotificationsJson.Deserialize(NullableString(r, 25)) };
        return new ExportJob(r.GetString(0), definition)
        {
            PausedReason = NullableString(r, 16),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(17),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(18),
            Version = r.GetInt64(23),
        };
    }

    public static void BindRun(NpgsqlParameterCollection p, ExportRun run)
    {
        p.Add(Text(run.Id));
        p.Add(Text(run.JobId));
        p.Add(Text(StatusName(run.Status)));
        p.Add(Instant(run.StartedAt));
        p.Add(Instant(run.CompletedAt));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)run.RecordCount ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)run.FileSize ?? DBNull.Value });
        p.Add(Text(run.DestinationPath));
        p.Add(Text(run.Error));
        p.Add(Text(run.Checksum));
        p.Add(Text(run.FileName));
        p.Add(Instant(run.ScheduledAt));
        p.Add(Text(run.Trigger.ToString()));
        p.Add(new NpgsqlParameter<int> { TypedValue = run.Attempt });
        p.Add(Text(run.Owner));
        p.Add(new NpgsqlParameter<long> { TypedValue = run.Epoch });
        p.Add(new NpgsqlParameter<bool> { TypedValue = run.Cancelled });
        p.Add(Text(run.CancelledBy));
        p.Add(Text(run.Progress is { } progress ? StageName(progress.Stage) : null));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)run.Progress?.RecordsWritten ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)run.Progress?.BytesWritten ?? DBNull.Value });
        p.Add(Instant(run.Progress?.UpdatedAt));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = (object?)PostgreSqlOutputJson.FromRun(run) ?? DBNull.Value });
    }

    public static ExportRun ReadRun(NpgsqlDataReader r) => PostgreSqlOutputJson.ApplyToRun(ReadSeedRun(r), NullableString(r, 22));

    private static ExportRun ReadSeedRun(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        JobId = r.GetString(1),
        Status = ParseStatus(r.GetString(2)),
        StartedAt = r.GetFieldValue<DateTimeOffset>(3),
        CompletedAt = r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        RecordCount = r.IsDBNull(5) ? null : r.GetInt64(5),
        FileSize = r.IsDBNull(6) ? null : r.GetInt64(6),
        DestinationPath = NullableString(r, 7),
        Error = NullableString(r, 8),
        Checksum = NullableString(r, 9),
        FileName = NullableString(r, 10),
        ScheduledAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        Trigger = Enum.Parse<ExportRunTrigger>(r.GetString(12)),
        Attempt = r.GetInt32(13),
        Owner = NullableString(r, 14),
        Epoch = r.GetInt64(15),
        Cancelled = r.GetBoolean(16),
        CancelledBy = NullableString(r, 17),
        Progress = r.IsDBNull(18) ? null : new ExportRunProgress(ParseStage(r.GetString(18)), r.GetInt64(19), r.GetInt64(20), r.GetFieldValue<DateTimeOffset>(21)),
    };

    public static string StageName(ExportRunProgressStage stage) => stage switch
    {
        ExportRunProgressStage.Source => "source",
        ExportRunProgressStage.Writer => "writer",
        ExportRunProgressStage.Delivery => "delivery",
        ExportRunProgressStage.Recording => "recording",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown progress stage."),
    };

    public static ExportRunProgressStage ParseStage(string name) => Enum.Parse<ExportRunProgressStage>(name, ignoreCase: true);

    /// <summary>A <c>bigint[]</c> parameter.</summary>
    public static NpgsqlParameter BigintArray(IEnumerable<long> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = values.ToArray() };

    /// <summary>A run status as stored (<see cref="StatusName"/>).</summary>
    public static ExportRunStatus ParseStatus(string name) => Enum.Parse<ExportRunStatus>(name, ignoreCase: true);

    public static string StatusName(ExportRunStatus status) => status switch
    {
        ExportRunStatus.Running => "running",
        ExportRunStatus.Success => "success",
        ExportRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Instant(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    /// <summary>A <c>text[]</c> parameter (job or run ids), for <c>unnest</c> and <c>= ANY</c>.</summary>
    public static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };

    /// <summary>A <c>timestamptz[]</c> parameter, in UTC.</summary>
    public static NpgsqlParameter InstantArray(IEnumerable<DateTimeOffset> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = values.Select(v => v.UtcDateTime).ToArray() };

    private static NpgsqlParameter NullableInt(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    private static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
