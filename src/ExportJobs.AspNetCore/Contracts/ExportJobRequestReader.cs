using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>
/// Turns the JSON body of <c>POST /export-jobs</c> and <c>PUT /export-jobs/{id}</c> into an <see cref="ExportJobDefinition"/>.
/// </summary>
/// <remarks>
/// Required: <c>name</c>, <c>destinationType</c>, <c>destinationConfig</c>, <c>format</c>, <c>schedule</c>. Defaults:
/// <c>includeVariants=false</c>, <c>compress=false</c>, <c>active=true</c>, <c>mode="full"</c>, <c>columns=null</c> (every column), <c>headers="codes"</c>,
/// <c>filenameTemplate="{jobId}-{date}.{format}"</c>, <c>retention=null</c> (the host's defaults), <c>skipEmpty=false</c>, <c>split=null</c> (one file), <c>manifest=false</c>, <c>notifications=null</c> (the host's channels; <c>[]</c> for none). Read-only fields a client sends back from a GET (<c>id</c>,
/// <c>createdAt</c>, <c>nextRunAt</c>, ...) and unknown fields are ignored, so a GET-modify-PUT round trip works.
/// </remarks>
internal static class ExportJobRequestReader
{
    private static readonly Dictionary<string, ExportMode> Modes = new(StringComparer.Ordinal)
    {
        ["full"] = ExportMode.Full,
        ["changes"] = ExportMode.Changes,
    };

    private static readonly Dictionary<string, ExportHeaders> HeaderKinds = new(StringComparer.Ordinal)
    {
        ["codes"] = ExportHeaders.Codes,
        ["labels"] = ExportHeaders.Labels,
    };

    public static ExportJobDefinition Read(JsonObject body, ValidationErrors errors)
    {
        var fields = new JsonFieldReader(body, errors);
        return new ExportJobDefinition
        {
            Name = fields.String("name", required: true) ?? string.Empty,
            Description = fields.String("description"),
            DestinationType = fields.String("destinationType", required: true) ?? string.Empty,
            DestinationConfig = fields.Object("destinationConfig", required: true) ?? [],
            Format = fields.String("format", required: true) ?? string.Empty,
            SchemaId = fields.String("schemaId"),
            CatalogId = fields.String("catalogId"),
            DimensionScope = fields.StringMap("dimensionScope"),
            Schedule = fields.String("schedule", required: true) ?? string.Empty,
            TimeZone = fields.String("timeZone"),
            IncludeVariants = fields.Boolean("includeVariants") ?? false,
            Compress = fields.Boolean("compress") ?? false,
            FilenameTemplate = fields.String("filenameTemplate") ?? ExportJobDefinition.DefaultFilenameTemplate,
            Active = fields.Boolean("active") ?? true,
            Mode = fields.Enum("mode", Modes) ?? ExportMode.Full,
            Columns = fields.Columns("columns"),
            Headers = fields.Enum("headers", HeaderKinds) ?? ExportHeaders.Codes,
            Retention = ReadRetention(fields.Object("retention"), errors),
            SkipEmpty = fields.Boolean("skipEmpty") ?? false,
            Split = ReadSplit(fields.Object("split"), errors),
            Manifest = fields.Boolean("manifest") ?? false,
            Notifications = fields.Notifications("notifications"),
        };
    }

    private static ExportSplit? ReadSplit(JsonObject? body, ValidationErrors errors)
    {
        if (body is null)
        {
            return null;
        }

        var fields = new JsonFieldReader(body, errors.Scope("split"));
        return new ExportSplit { MaxRecords = fields.Int64("maxRecords"), MaxBytes = fields.Int64("maxBytes") };
    }

    private static ExportRetention? ReadRetention(JsonObject? body, ValidationErrors errors)
    {
        if (body is null)
        {
            return null;
        }

        var fields = new JsonFieldReader(body, errors.Scope("retention"));
        return new ExportRetention { MaxRuns = fields.Int32("maxRuns"), MaxAgeDays = fields.Int32("maxAgeDays") };
    }
}
