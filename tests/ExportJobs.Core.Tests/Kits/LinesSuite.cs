using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Formats;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>The format kit over <see cref="LinesFormat"/>, read back line by line with JsonNode.</summary>
internal sealed class LinesSuite(LinesFormat format) : ExportFormatConformanceTests
{
    protected override long StreamingLimitBytes => 4L * 1024 * 1024;

    protected override IExportFormat CreateFormat() => format;

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields)
    {
        using var reader = new StreamReader(output, leaveOpen: true);
        var records = new List<IReadOnlyDictionary<string, string?>>();
        while (await reader.ReadLineAsync() is { } line)
        {
            records.Add(JsonNode.Parse(line)!.AsObject().ToDictionary(p => p.Key, p => JsonText(p.Value), StringComparer.Ordinal));
        }

        return records;
    }
}
