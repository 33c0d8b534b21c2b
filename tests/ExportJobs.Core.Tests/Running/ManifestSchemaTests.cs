using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Model;
using ExportJobs.Testing;
using Json.Schema;

namespace ExportJobs.Core.Tests.Running;

/// <summary>
/// The manifest a split run writes, validated against the shipped JSON Schema file (src/ExportJobs.Core/Schemas) with a
/// full draft 2020-12 validator (JsonSchema.Net, formats required), so the schema and the writer cannot drift apart.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "export-manifest.schema.json"))));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    [Theory]
    [InlineData("csv", false)]
    [InlineData("jsonl", true)]
    public async Task ManifestOfASplitRun_IsValidAgainstTheShippedSchema(string format, bool compress)
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(2_500, descriptionLength: 10));
        var run = await harness.RunAsync(EngineHarness.Job(format, compress) with
        {
            FilenameTemplate = "out/{jobId}-{part}.{format}",
            Split = new ExportSplit { MaxRecords = 1_000 },
            Manifest = true,
        });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(harness.DeliveredFolder, run.FileName!)));
        Assert.Equal(3, manifest.RootElement.GetProperty("files").GetArrayLength());
        AssertValid(manifest.RootElement);
    }

    [Fact]
    public async Task TheValidatorRefuses_AManifestThatBreaksTheSchema()
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(10));
        var run = await harness.RunAsync(EngineHarness.Job("csv") with { FilenameTemplate = "out/{jobId}.csv", Manifest = true });
        var manifest = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(harness.DeliveredFolder, run.FileName!)))!.AsObject();
        AssertValid(JsonSerializer.SerializeToElement(manifest));

        var file = manifest["files"]![0]!.AsObject();
        file["sha256"] = "NOT-HEX";
        file["extra"] = 1;
        manifest["compression"] = "zip";
        manifest.Remove("runId");

        var results = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(manifest), Options);
        Assert.False(results.IsValid);
        var failed = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => d.InstanceLocation.ToString()).ToList();
        Assert.Contains("/files/0/sha256", failed);
        Assert.Contains("/compression", failed);
    }

    private static void AssertValid(JsonElement manifest)
    {
        var results = Schema.Value.Evaluate(manifest, Options);
        Assert.True(
            results.IsValid,
            string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
