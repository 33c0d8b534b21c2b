using System.Collections;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Xml;
using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Formats;

/// <summary>
/// The xml writer writes its bytes itself (straight into the spool stream's chunks); they must be exactly those of
/// <see cref="System.Xml.XmlWriter"/> making the same calls (<see cref="ReferenceXmlExportWriter"/>, the writer as it
/// was), for every kind of value and character, over a plain stream and over a buffer writer, and it must fail where
/// that writer throws.
/// </summary>
public sealed class XmlOutputTests
{
    private static readonly IReadOnlyList<ExportField> Fields =
    [
        new ExportField { Name = "id", Source = "id", IsRecordField = true },
        new ExportField { Name = "updatedAt", Source = "updatedAt", IsRecordField = true },
        new ExportField { Name = "value", Source = "value", Column = new ExportColumn("value") },
        new ExportField { Name = "1st price", Source = "1st price", Column = new ExportColumn("1st price") },
        new ExportField { Name = "Größe 日本", Source = "Größe 日本", Column = new ExportColumn("Größe 日本") },
    ];

    public static TheoryData<string> Outputs() => ["stream", "segmented", "chunks"];

    /// <summary>Values of every kind the writer tells apart, and text with every kind of character.</summary>
    public static IReadOnlyList<object?> AwkwardValues() =>
    [
        null, string.Empty, "plain", "a&b<c>d\"e'f]]>g", "\r\n\t", "ends with CR\r", "\n\n", "é ü ß 日本 🎉", "x\uD83C\uDF89",
        "\uD800 lone high", "lone low \uDC00", "\uDF89\uD83C reversed pair", "\uD83C", "controls \u0001\u0008\u000B\u000C\u001F\u007F\u0085\u2028\u2029",
        "\uFFFE\uFFFF\uFFFD\uE000\uD7FF", "\0 nul",
        new string('x', 200_000) + "&日本" + new string('é', 50_000) + "\r", // very long: many requests, multi-byte runs
        new string('a', 4095) + "🎉" + new string('b', 4094) + "🎉🎉" + string.Concat(Enumerable.Repeat("🎉&", 5_000)), // pairs across the encoder's pieces
        true, false, 42, -5L, (short)7, (byte)255, 19.99m, -0.0m, 0.1 + 0.2, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.5f, float.NaN,
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)), new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Unspecified), new DateOnly(2024, 2, 29), new TimeOnly(23, 59, 58),
        Guid.Parse("7d3c8a1e-7e0f-4a8c-9a2b-1c2d3e4f5a6b"), 'x', '<', '&', '\r', '\n', 'é', BigInteger.Pow(10, 80), -BigInteger.Pow(7, 90), (Half)2.5, (Int128)long.MaxValue * 3,
        new[] { "a", null, "b&<", "" }, Array.Empty<string>(), new object?[] { 1, null, new[] { "n" }, true, new Dictionary<string, object?> { ["k"] = "v" } },
        new List<object?> { "l", 2.5 }, new List<int> { 1, 2 }, new List<string?> { null }, Enumerable.Range(0, 3).Select(i => (object?)i),
        new Dictionary<string, object?> { ["weight kg"] = 1.5, ["1st"] = "x", ["a:b/c"] = null, ["日本"] = "y", ["_x0041_"] = "looks encoded", ["xmlns"] = "n", ["x"] = new Dictionary<string, object?>(), ["emoji 🎉 key"] = "e", ["𝒳𝒴"] = "supplementary letters", ["\uD800"] = "lone" },
        new Dictionary<string, object?>(), new SortedDictionary<string, object?> { ["b"] = 2, ["a"] = new[] { "1" } }, new Hashtable { ["h"] = "t" },
        DimensionalValue.For("dim-language", new Dictionary<string, object?> { ["seg-en"] = "en & <b>", ["seg-de"] = null, ["seg-fr"] = "fr\r\n" }),
        new Uri("https://example.com/?a=1&b=<2>"), Encoding.UTF8, new NonFormattable("to string & é"),
    ];

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Writer_OfAwkwardValues_WritesTheBytesOfXmlWriter(string output)
    {
        var values = AwkwardValues();
        var expected = await WriteAsync(ReferenceOutput(), values);

        var actual = await WriteAsync(output, values);

        AssertSameBytes(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Writer_OfEveryUtf16CodeUnit_WritesTheBytesOfXmlWriter(string output)
    {
        // Every code unit alone and between ASCII letters (lone surrogates included: sanitized to U+FFFD), then every
        // high surrogate with a low one after it.
        var values = new List<object?>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            values.Add(((char)c).ToString());
            values.Add($"a{(char)c}b");
        }

        for (var high = 0xD800; high <= 0xDBFF; high++)
        {
            values.Add($"{(char)high}{(char)(0xDC00 + (high % 0x400))}!");
        }

        var expected = await WriteAsync(ReferenceOutput(), values);

        var actual = await WriteAsync(output, values);

        AssertSameBytes(expected, actual);
    }

    public static TheoryData<object> Refused() => new()
    {
        '\u0001', // a char is formatted, not sanitized: XmlWriter refuses it
        '\uFFFE',
        '\uD800',
        new Dictionary<string, object?> { [string.Empty] = "an element needs a name" },
        new Dictionary<string, object?> { ["ok"] = new Dictionary<string, object?> { [string.Empty] = null } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Writer_OfAValueXmlWriterRefuses_ThrowsWhatXmlWriterThrows(object value)
    {
        var expected = await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync(ReferenceOutput(), [value]));

        var actual = await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync("chunks", [value]));

        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public async Task Writer_WithoutRecords_WritesTheBytesOfXmlWriter()
    {
        AssertSameBytes(await WriteAsync(ReferenceOutput(), []), await WriteAsync("chunks", []));
        AssertSameBytes(await WriteAsync(ReferenceOutput(), []), await WriteAsync("stream", []));
    }

    public static TheoryData<string> TextFormats() => ["xml", "json", "jsonl"];

    [Theory]
    [MemberData(nameof(TextFormats))]
    public async Task Export_WithGzip_DecompressesToTheBytesOfTheExportWithout(string format)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var plain = await harness.RunAsync(EngineHarness.Job(format));
        var plainBytes = await File.ReadAllBytesAsync(Assert.Single(harness.Delivered()));
        await using var zipped = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));

        var run = await zipped.RunAsync(EngineHarness.Job(format, compress: true));

        Assert.True(plain.Status == ExportRunStatus.Success, plain.Error);
        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        await using var gzip = new GZipStream(File.OpenRead(Assert.Single(zipped.Delivered())), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await gzip.CopyToAsync(unzipped);
        Assert.Equal(plainBytes, unzipped.ToArray());
        Golden.AssertMatches($"{format}-unscoped-variants.{format}", unzipped.ToArray());
    }

    private sealed record NonFormattable(string Text)
    {
        public override string ToString() => Text;
    }

    private const string Reference = "reference";

    private static string ReferenceOutput() => Reference;

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>One record per value (in the field <c>value</c>; the other attribute fields get the next values).</summary>
    private static async Task<byte[]> WriteAsync(string output, IReadOnlyList<object?> values)
    {
        var context = Context();
        using var plain = new MemoryStream();
        var segmented = new SegmentedBufferStream(segmentSize: 700);
        var chunks = new ChunkCollector(chunkSize: 1_000);
        Stream target = output switch
        {
            "segmented" => segmented,
            "chunks" => chunks.Stream,
            _ => plain,
        };
        var writer = output == Reference ? new ReferenceXmlExportWriter(target, context) : new XmlExportFormat().CreateWriter(target, context);
        await using (writer)
        {
            await writer.WriteStartAsync(CancellationToken.None);
            var row = new ExportRow(Fields.Count);
            for (var i = 0; i < values.Count; i++)
            {
                row.Id = $"r-{i}";
                row.UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero).AddSeconds(i);
                row.SetValue(0, row.Id);
                row.SetValue(1, row.UpdatedAt);
                row.SetValue(2, values[i]);
                row.SetValue(3, values[(i + 1) % values.Count]);
                row.SetValue(4, i % 3 == 0 ? null : $"{i}");
                await writer.WriteRecordAsync(row, CancellationToken.None);
            }

            await writer.WriteEndAsync(CancellationToken.None);
        }

        return output switch
        {
            "segmented" => segmented.ToArray(),
            "chunks" => await chunks.CompleteAsync(),
            _ => plain.ToArray(),
        };
    }

    private static ExportFormatContext Context() => new()
    {
        Job = new ExportJob("job", new ExportJobDefinition
        {
            Name = "xml bytes",
            DestinationType = "test",
            DestinationConfig = new JsonObject(),
            Format = "xml",
            Schedule = "0 3 * * *",
        }),
        RunId = "run",
        Fields = Fields,
        SourceColumns = [.. Fields.Where(f => f.Column is not null).Select(f => f.Column!)],
    };
}
