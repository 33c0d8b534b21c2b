using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>
/// Turns the JSON bodies of <c>POST /export-jobs/{id}/runs</c> (a run reported by an external runner) into an
/// <see cref="ExportRun"/> and of <c>PATCH /export-jobs/{id}/runs/{runId}</c> into an <see cref="ExportRunCompletion"/>:
/// the outcome fields they share are read once, as an <see cref="ExportRunCompletion"/>.
/// </summary>
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

    /// <summary>Reads the body of <c>POST /export-jobs/{id}/runs</c>: the run's start and its outcome so far.</summary>
    public static ExportRun Read(JsonObject body, ValidationErrors errors, DateTimeOffset now)
    {
        var fields = new JsonFieldReader(body, errors);
        var outcome = ReadOutcome(fields, missingStatus: ExportRunStatus.Running);
        return outcome.ApplyTo(new ExportRun
        {
            Id = string.Empty,
            JobId = string.Empty,
            StartedAt = fields.Timestamp("startedAt") ?? now,
            ScheduledAt = fields.Timestamp("scheduledAt"),
            Trigger = ExportRunTrigger.External,
            Attempt = fields.Int32("attempt") ?? 1,
        });
    }

    /// <summary>Reads the body of <c>PATCH /export-jobs/{id}/runs/{runId}</c>: the outcome alone; the run's start fields cannot be changed.</summary>
    public static ExportRunCompletion ReadCompletion(JsonObject body, ValidationErrors errors)
    {
        foreach (var fixedField in new[] { "startedAt", "scheduledAt", "attempt", "trigger", "id", "jobId" })
        {
            if (body.ContainsKey(fixedField))
            {
                errors.Add(fixedField, $"'{fixedField}' is set when the run is reported and cannot be changed.");
            }
        }

        return ReadOutcome(new JsonFieldReader(body, errors), missingStatus: ExportRunStatus.Failed);
    }

    /// <summary>The fields both bodies share, read the same way: the status and what the run produced.</summary>
    /// <param name="fields">The body.</param>
    /// <param name="missingStatus">The status to go on with when <c>status</c> is missing or unknown (already an error).</param>
    private static ExportRunCompletion ReadOutcome(JsonFieldReader fields, ExportRunStatus missingStatus) => new()
    {
        Status = fields.Enum("status", Statuses, required: true) ?? missingStatus,
        CompletedAt = fields.Timestamp("completedAt"),
        RecordCount = fields.Int64("recordCount"),
        FileSize = fields.Int64("fileSize"),
        DestinationPath = fields.String("destinationPath"),
        Error = fields.String("error"),
        Checksum = fields.String("checksum"),
        FileName = fields.String("fileName"),
    };
}
