using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Tests.Editor;

/// <summary>A plugin with a settings schema in the subset: <c>folder</c> (required), <c>apiKey</c> (a secret its schema does not mark).</summary>
internal sealed class SchemaDestination : IExportDestination
{
    public const string TypeName = "with-schema";

    public IReadOnlyCollection<string> SecretSettings => ["apiKey"];

    public JsonObject? SettingsSchema { get; } = new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["folder"] = new JsonObject { ["type"] = "string", ["title"] = "Folder" },
            ["apiKey"] = new JsonObject { ["type"] = "string", ["title"] = "API key" },
        },
        ["required"] = new JsonArray("folder"),
    };

    public void Validate(JsonObject config, ValidationErrors errors)
    {
        if (config["folder"] is null)
        {
            errors.Add("folder", "'folder' is required.");
        }
    }

    public Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult("nowhere"));
}

/// <summary>A plugin whose settings schema leaves the subset (<c>oneOf</c>, a <c>number</c> setting): served as none.</summary>
internal sealed class UnservedSchemaDestination : IExportDestination
{
    public const string TypeName = "odd-schema";

    public JsonObject? SettingsSchema { get; } = new()
    {
        ["type"] = "object",
        ["oneOf"] = new JsonArray(),
        ["properties"] = new JsonObject { ["ratio"] = new JsonObject { ["type"] = "number" } },
    };

    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    public Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult("nowhere"));
}
