using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>Turns the JSON body of <c>POST /export-jobs/{id}/runs</c> (a run reported by an external runner) into an <see cref="ExportRun"/>.</summary>
/// <remarks>
/// <c>status</c> is required. <c>startedAt</c> defaults to now; <c>completedAt</c> defaults to now for a finished run
/// and must be absent for a running one. <c>id</c> and <c>jobId</c> are assigned by the server. Timestamps are ISO 8601
/// with an offset. The rules beyond types are checked by the manager once the defaults are in.
/// </remarks>
internal static class ExportRunRequestReader
{
    private static readonly Dictionary<string, ExportRunStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["running"] = ExportRunStatus.Running,
        ["success"] = ExportRunStatus.Success,
        ["failed"] = ExportRunStatus.Failed,
    };

    public static ExportRun Read(JsonObject body, ValidationErrors errors, DateTimeOffset now)
    {
        var fields = new JsonFieldReader(body, errors);
        return new ExportRun
        {
            Id = string.Empty,
            JobId = string.Empty,
            Status = fields.Enum("status", Statuses, required: true) ?? ExportRunStatus.Running,
            StartedAt = fields.Timestamp("startedAt") ?? now,
            CompletedAt = fields.Timestamp("completedAt"),
            RecordCount = fields.Int64("recordCount"),
            FileSize = fields.Int64("fileSize"),
            DestinationPath = fields.String("destinationPath"),
            Error = fields.String("error"),
            Checksum = fields.String("checksum"),
            FileName = fields.String("fileName"),
            ScheduledAt = fields.Timestamp("scheduledAt"),
            Trigger = ExportRunTrigger.External,
            Attempt = fields.Int32("attempt") ?? 1,
        };
    }

    /// <summary>Reads the body of <c>PATCH /export-jobs/{id}/runs/{runId}</c>; the run's start fields cannot be changed.</summary>
    public static ExportRunCompletion ReadCompletion(JsonObject body, ValidationErrors errors)
    {
        foreach (var fixedField in new[] { "startedAt", "scheduledAt", "attempt", "trigger", "id", "jobId" })
        {
            if (body.ContainsKey(fixedField))
            {
                errors.Add(fixedField, $"'{fixedField}' is set when the run is reported and cannot be changed.");
            }
        }

        var fields = new JsonFieldReader(body, errors);
        return new ExportRunCompletion
        {
            Status = fields.Enum("status", Statuses, required: true) ?? ExportRunStatus.Failed,
            CompletedAt = fields.Timestamp("completedAt"),
            RecordCount = fields.Int64("recordCount"),
            FileSize = fields.Int64("fileSize"),
            DestinationPath = fields.String("destinationPath"),
            Error = fields.String("error"),
            Checksum = fields.String("checksum"),
            FileName = fields.String("fileName"),
        };
    }
}
