using System.Buffers;
using System.Text;
using System.Text.Json;
using ExportJobs.Model;

namespace ExportJobs.Notifications.Events;

/// <summary>
/// Writes and reads the one JSON payload every channel sends (<c>schemas/export-notification-v1.schema.json</c>): flat,
/// camelCase, every field present (null when it does not apply), instants ISO 8601 with offset.
/// </summary>
internal static class NotificationPayload
{
    public static string Write(NotificationEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var run = e.Run;
            json.WriteStartObject();
            json.WriteNumber("version", NotificationEvent.Version);
            json.WriteString("id", e.Id);
            json.WriteString("event", e.Event);
            json.WriteString("occurredAt", e.OccurredAt);
            json.WriteString("jobId", e.JobId);
            WriteOrNull(json, "jobName", e.JobName);
            WriteOrNull(json, "runId", run?.Id);
            WriteOrNull(json, "status", run is null ? null : StatusName(run.Status));
            WriteOrNull(json, "scheduledAt", run?.ScheduledAt);
            WriteOrNull(json, "startedAt", run?.StartedAt);
            WriteOrNull(json, "completedAt", run?.CompletedAt);
            WriteOrNull(json, "recordCount", run?.RecordCount);
            WriteOrNull(json, "fileSize", run?.FileSize);
            WriteOrNull(json, "destinationPath", run?.DestinationPath);
            WriteOrNull(json, "error", run?.Error);
            if (run is null)
            {
                json.WriteNull("attempt");
            }
            else
            {
                json.WriteNumber("attempt", run.Attempt);
            }

            WriteOrNull(json, "trigger", run is null ? null : TriggerName(run.Trigger));
            json.WriteBoolean("cancelled", run?.Cancelled ?? false);
            WriteOrNull(json, "reason", e.Reason);
            WriteOrNull(json, "link", e.Link?.AbsoluteUri);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string StatusName(ExportRunStatus status) => status switch
    {
        ExportRunStatus.Running => "running",
        ExportRunStatus.Success => "success",
        _ => "failed",
    };

    private static string TriggerName(ExportRunTrigger trigger) => trigger switch
    {
        ExportRunTrigger.Schedule => "schedule",
        ExportRunTrigger.Retry => "retry",
        ExportRunTrigger.Manual => "manual",
        _ => "external",
    };

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Reads back what <see cref="Write"/> wrote (the sender renders stored events for e-mail and chat).</summary>
    public static NotificationEvent Read(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var p = document.RootElement;
        ExportRun? run = null;
        if (Text(p, "runId") is { } runId)
        {
            run = new ExportRun
            {
                Id = runId,
                JobId = p.GetProperty("jobId").GetString()!,
                Status = Text(p, "status") switch { "success" => ExportRunStatus.Success, "running" => ExportRunStatus.Running, _ => ExportRunStatus.Failed },
                ScheduledAt = Instant(p, "scheduledAt"),
                StartedAt = Instant(p, "startedAt") ?? default,
                CompletedAt = Instant(p, "completedAt"),
                RecordCount = Number(p, "recordCount"),
                FileSize = Number(p, "fileSize"),
                DestinationPath = Text(p, "destinationPath"),
                Error = Text(p, "error"),
                Attempt = (int)(Number(p, "attempt") ?? 1),
                Trigger = Text(p, "trigger") switch { "retry" => ExportRunTrigger.Retry, "manual" => ExportRunTrigger.Manual, "external" => ExportRunTrigger.External, _ => ExportRunTrigger.Schedule },
                Cancelled = p.TryGetProperty("cancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True,
            };
        }

        return new NotificationEvent
        {
            Id = p.GetProperty("id").GetString()!,
            Event = p.GetProperty("event").GetString()!,
            OccurredAt = p.GetProperty("occurredAt").GetDateTimeOffset(),
            JobId = p.GetProperty("jobId").GetString()!,
            JobName = Text(p, "jobName"),
            Run = run,
            Reason = Text(p, "reason"),
            Link = Text(p, "link") is { } link ? new Uri(link) : null,
        };
    }

    private static string? Text(JsonElement p, string name) =>
        p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Instant(JsonElement p, string name) =>
        p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;

    private static long? Number(JsonElement p, string name) =>
        p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
