using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Json;
using ExportJobs.Formats.JsonLines;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Formats;

/// <summary>
/// The json and jsonl writers write straight into an output that is also an <see cref="System.Buffers.IBufferWriter{T}"/>
/// (the spool stream); over any other stream through a buffer of their own. Both must give the same bytes.
/// </summary>
public sealed class BufferWriterOutputTests
{
    private static readonly IReadOnlyList<ExportField> Fields =
    [
        new ExportField { Name = "id", Source = "id", IsRecordField = true },
        new ExportField { Name = "updatedAt", Source = "updatedAt", IsRecordField = true },
        new ExportField { Name = "value", Source = "value", Column = new ExportColumn("value") },
    ];

    public static TheoryData<string> Formats() => ["json", "jsonl"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Writer_OverBufferWriterOutput_WritesTheSameBytesAsOverAPlainStream(string format)
    {
        var plain = new MemoryStream();
        await WriteAsync(format, plain);
        var segmented = new SegmentedBufferStream(segmentSize: 300);
        await WriteAsync(format, segmented);

        Assert.True(segmented.Segments > 100, $"Only {segmented.Segments} segments were used: the writer did not write through the buffer writer.");
        Assert.True(plain.Length > 64 * 1024, "The output should be larger than the writers' own flush threshold.");
        Assert.Equal(plain.ToArray(), segmented.ToArray());
    }

    private static async Task WriteAsync(string format, Stream output)
    {
        IExportFormat exportFormat = format == "json" ? new JsonExportFormat() : new JsonLinesExportFormat();
        var writer = exportFormat.CreateWriter(output, Context());
        await using (writer)
        {
            await writer.WriteStartAsync(CancellationToken.None);
            var row = new ExportRow(Fields.Count);
            for (var i = 0; i < 2_000; i++)
            {
                row.Id = $"r-{i}";
                row.UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero).AddSeconds(i);
                row.SetValue(0, row.Id);
                row.SetValue(1, row.UpdatedAt);
                row.SetValue(2, Value(i));
                await writer.WriteRecordAsync(row, CancellationToken.None);
            }

            await writer.WriteEndAsync(CancellationToken.None);
        }
    }

    /// <summary>Values of every kind and of growing size (up to about 1 KB of text, some of it multi-byte).</summary>
    private static object? Value(int i) => (i % 6) switch
    {
        0 => new string('x', i % 1_000) + " é 日本 🎉 \"quoted\"\n",
        1 => new Dictionary<string, object?> { ["n"] = i, ["half"] = i / 2.0, ["nested"] = new object?[] { null, true, "t" } },
        2 => DimensionalValue.For("dim-language", new Dictionary<string, object?> { ["seg-en"] = $"en {i}", ["seg-de"] = null }),
        3 => new[] { "a", new string('y', i % 500) },
        4 => 19.99m + i,
        _ => null,
    };

    private static ExportFormatContext Context() => new()
    {
        Job = new ExportJob("job", new ExportJobDefinition
        {
            Name = "buffer writer",
            DestinationType = "test",
            DestinationConfig = new JsonObject(),
            Format = "json",
            Schedule = "0 3 * * *",
        }),
        RunId = "run",
        Fields = Fields,
        SourceColumns = [new ExportColumn("value")],
    };
}
