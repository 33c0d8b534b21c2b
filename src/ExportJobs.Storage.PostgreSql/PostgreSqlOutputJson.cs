using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>
/// The <c>output</c> columns (schema version 8) as JSON text: on a job its large-output settings (<c>skipEmpty</c>,
/// <c>split</c>, <c>manifest</c>), on a run what it delivered beyond the seed's fields (<c>skipped</c>, <c>files</c>). <see langword="null"/> when all are defaults, which
/// is also what rows written before version 8 read as.
/// </summary>
internal static class PostgreSqlOutputJson
{
    public static string? FromJob(ExportJob job)
    {
        var output = new JsonObject();
        if (job.SkipEmpty)
        {
            output["skipEmpty"] = true;
        }

        if (job.Split is { } split)
        {
            output["split"] = new JsonObject { ["maxRecords"] = split.MaxRecords, ["maxBytes"] = split.MaxBytes };
        }

        if (job.Manifest)
        {
            output["manifest"] = true;
        }

        return output.Count == 0 ? null : output.ToJsonString();
    }

    public static ExportJobDefinition ApplyToJob(ExportJobDefinition definition, string? text)
    {
        if (text is null || JsonNode.Parse(text) is not JsonObject output)
        {
            return definition;
        }

        return definition with
        {
            SkipEmpty = output["skipEmpty"]?.GetValue<bool>() ?? false,
            Split = output["split"] is JsonObject split
                ? new ExportSplit { MaxRecords = split["maxRecords"]?.GetValue<long>(), MaxBytes = split["maxBytes"]?.GetValue<long>() }
                : null,
            Manifest = output["manifest"]?.GetValue<bool>() ?? false,
        };
    }

    public static string? FromRun(ExportRun run)
    {
        var output = new JsonObject();
        if (run.Mode is { } mode)
        {
            output["mode"] = mode == ExportMode.Full ? "full" : "changes";
        }

        if (run.Skipped is { } skipped)
        {
            output["skipped"] = skipped;
        }

        if (run.Files is { } files)
        {
            var array = new JsonArray();
            foreach (var file in files)
            {
                array.Add(new JsonObject
                {
                    ["name"] = file.Name,
                    ["path"] = file.Path,
                    ["records"] = file.Records,
                    ["bytes"] = file.Bytes,
                    ["checksum"] = file.Checksum,
                });
            }

            output["files"] = array;
        }

        return output.Count == 0 ? null : output.ToJsonString();
    }

    public static ExportRun ApplyToRun(ExportRun run, string? text)
    {
        if (text is null || JsonNode.Parse(text) is not JsonObject output)
        {
            return run;
        }

        return run with
        {
            Skipped = output["skipped"]?.GetValue<string>(),
            // Runs written before runs recorded their mode have none: unknown (null).
            Mode = output["mode"]?.GetValue<string>() switch { "full" => ExportMode.Full, "changes" => ExportMode.Changes, _ => null },
            Files = output["files"] is JsonArray files
                ? files.Select(f => new ExportRunFile
                {
                    Name = f!["name"]!.GetValue<string>(),
                    Path = f["path"]!.GetValue<string>(),
                    Records = f["records"]!.GetValue<long>(),
                    Bytes = f["bytes"]!.GetValue<long>(),
                    Checksum = f["checksum"]!.GetValue<string>(),
                }).ToArray()
                : null,
        };
    }
}
