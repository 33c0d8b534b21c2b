using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.OpenApi;

/// <summary>
/// The example bodies shown in the OpenAPI document. Every request example must be accepted by the API as it is
/// (OpenApiExampleTests sends each one to the sample host and expects success).
/// </summary>
internal static class ExportJobsOpenApiExamples
{
    public static JsonNode JobRequest() => new JsonObject
    {
        ["name"] = "Nightly catalog to S3",
        ["destinationType"] = "s3",
        ["destinationConfig"] = new JsonObject { ["bucket"] = "pim-exports", ["region"] = "eu-central-1", ["path"] = "catalog" },
        ["format"] = "csv",
        ["catalogId"] = "cat-main",
        ["dimensionScope"] = new JsonObject { ["dim-language"] = "seg-en" },
        ["schedule"] = "0 2 * * *",
        ["timeZone"] = "Europe/Berlin",
        ["compress"] = true,
        ["filenameTemplate"] = "nightly-{date:yyyyMMdd}.{format}",
        ["mode"] = "full",
        ["notifications"] = new JsonArray(new JsonObject
        {
            ["type"] = "slack",
            ["on"] = new JsonArray("failed", "recovered", "autoPaused"),
            ["url"] = "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        }),
    };

    public static JsonNode Job()
    {
        var job = JobRequest().AsObject();
        job["notifications"]![0]!["url"] = "********"; // a secret: masked in every response
        job["id"] = "0195f0c4a1b27c3d8e9f0a1b2c3d4e5f";
        job["active"] = true;
        job["pausedReason"] = null;
        job["version"] = 3;
        job["createdAt"] = "2026-01-30T09:00:00+00:00";
        job["updatedAt"] = "2026-01-30T09:00:00+00:00";
        job["nextRunAt"] = "2026-01-31T01:00:00+00:00";
        job["lastRun"] = new JsonObject { ["id"] = "0195f0c4a1b27c3d8e9f0a1b2c3d4e60", ["status"] = "success", ["startedAt"] = "2026-01-30T01:00:00+00:00", ["completedAt"] = "2026-01-30T01:00:42+00:00", ["error"] = null };
        return job;
    }

    public static JsonNode Run() => new JsonObject
    {
        ["id"] = "0195f0c4a1b27c3d8e9f0a1b2c3d4e60",
        ["jobId"] = "0195f0c4a1b27c3d8e9f0a1b2c3d4e5f",
        ["status"] = "success",
        ["startedAt"] = "2026-01-30T01:00:00+00:00",
        ["completedAt"] = "2026-01-30T01:00:42+00:00",
        ["recordCount"] = 10000,
        ["fileSize"] = 1843200,
        ["destinationPath"] = "s3://pim-exports/catalog/nightly-20260130.csv.gz",
        ["error"] = null,
        ["checksum"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ["fileName"] = "nightly-20260130.csv.gz",
        ["scheduledAt"] = "2026-01-30T01:00:00+00:00",
        ["trigger"] = "schedule",
        ["attempt"] = 1,
        ["mode"] = "full",
    };

    public static JsonNode RunReport() => new JsonObject
    {
        ["status"] = "failed",
        ["startedAt"] = "2026-01-30T01:00:00Z",
        ["completedAt"] = "2026-01-30T01:00:05Z",
        ["error"] = "The upload was refused: access denied.",
    };

    public static JsonNode RunCompletion() => new JsonObject
    {
        ["status"] = "success",
        ["completedAt"] = "2026-01-30T01:00:05Z",
        ["recordCount"] = 1200,
        ["fileSize"] = 48213,
        ["checksum"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ["destinationPath"] = "s3://exports/products/products-2026-01-30.csv",
        ["fileName"] = "products-2026-01-30.csv",
    };

    public static JsonNode SchedulePreview() => new JsonObject
    {
        ["schedule"] = "0 2 * * 1-5",
        ["timeZone"] = "Europe/Berlin",
    };
}
