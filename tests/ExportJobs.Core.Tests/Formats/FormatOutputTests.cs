using ExportJobs.Testing;
using ExportJobs.Core.Tests.Support;
using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Formats;

public sealed class FormatOutputTests
{
    private static readonly Dictionary<string, string> GermanScope = new() { ["dim-language"] = "seg-de" };

    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var format in new[] { "csv", "json", "jsonl", "xml" })
        {
            foreach (var scoped in new[] { false, true })
            {
                foreach (var variants in new[] { false, true })
                {
                    data.Add(format, scoped, variants);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_OfAwkwardValues_MatchesGoldenFile(string format, bool scoped, bool variants)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));

        var run = await harness.RunAsync(EngineHarness.Job(format, scope: scoped ? GermanScope : null, includeVariants: variants));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var file = Assert.Single(harness.Delivered());
        Golden.AssertMatches($"{format}-{(scoped ? "scoped" : "unscoped")}-{(variants ? "variants" : "no-variants")}.{format}", await File.ReadAllBytesAsync(file));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_ReadBackByIndependentReader_GivesTheSameRecords(string format, bool scoped, bool variants)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var scope = scoped ? GermanScope : null;

        var run = await harness.RunAsync(EngineHarness.Job(format, scope: scope, includeVariants: variants));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var actual = OutputReaders.Read(format, Assert.Single(harness.Delivered()));
        var expected = AwkwardRecords.All
            .Where(r => variants || r.ParentId is null)
            .Select(r => Expected.For(r, AwkwardRecords.Columns, scope))
            .Select(e => format switch { "xml" => Expected.AsText(e), "csv" => CsvCells(e), _ => e })
            .ToList();
        Assert.Equal(expected.Select(Expected.Normalize), actual.Select(Expected.Normalize));
        Assert.Equal(expected.Count, run.RecordCount);
    }

    /// <summary>CSV cells are text (null is an empty cell); arrays and objects are JSON text, which keeps nested types.</summary>
    private static JsonObject CsvCells(JsonObject record) =>
        new(record.Select(p => KeyValuePair.Create(p.Key, p.Value switch
        {
            null => string.Empty,
            JsonValue value => Expected.AsText(value),
            _ => p.Value.DeepClone(),
        })));
}
