using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Formats;

namespace MyFormat.Tests;

/// <summary>The ExportJobs format kit against the format, read back line by line with System.Text.Json's JsonNode.</summary>
public sealed class NdjsonFormatConformanceTests : ExportFormatConformanceTests
{
    protected override IExportFormat CreateFormat() => new NdjsonExportFormat();

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields)
    {
        using var reader = new StreamReader(output, leaveOpen: true);
        var records = new List<IReadOnlyDictionary<string, string?>>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var record = JsonNode.Parse(line)!.AsObject();
            records.Add(record.ToDictionary(p => p.Key, p => JsonText(p.Value), StringComparer.Ordinal));
        }

        return records;
    }
}
