using System.Globalization;
using ExportJobs.Extensibility;
using Xunit;

namespace ExportJobs.Testing.Formats;

public abstract partial class ExportFormatConformanceTests
{
    [Fact]
    public async Task AwkwardValues_ComeBackThroughTheReader()
    {
        var records = AwkwardValues.Select((value, i) => ($"rec-{i.ToString(CultureInfo.InvariantCulture)}", value)).ToList();
        using var output = new ProbeStream(keep: true);

        await WriteAsync(output, records);

        Assert.False(output.Disposed, "The writer closed the output stream; it belongs to the library.");
        output.Position = 0;
        var read = await ReadAsync(output, Fields);
        Assert.Equal(records.Count, read.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var (id, value) = records[i];
            Assert.Equal(id, read[i]["id"]);
            var expected = ExpectedText(value);
            var actual = read[i]["value"];
            if (!KeepsNullApartFromEmptyText && string.IsNullOrEmpty(expected))
            {
                Assert.True(string.IsNullOrEmpty(actual), $"Record {id}: expected an empty value, read '{actual}'.");
            }
            else
            {
                Assert.True(expected == actual, $"Record {id}: wrote {Describe(expected)}, read {Describe(actual)}.");
            }
        }
    }

    [Fact]
    public async Task NoRecords_ReadsBackAsNoRecords()
    {
        using var output = new ProbeStream(keep: true);

        await WriteAsync(output, []);

        Assert.True(output.Length > 0 || CreateFormat().IsText, "A binary format wrote nothing at all for an empty export.");
        output.Position = 0;
        Assert.Empty(await ReadAsync(output, Fields));
    }

    [Fact]
    public async Task ManyRecords_BytesReachTheOutputBeforeTheEnd()
    {
        using var output = new ProbeStream(keep: false);
        var writer = CreateFormat().CreateWriter(output, Context());
        await using (writer)
        {
            await writer.WriteStartAsync(CancellationToken.None);
            var row = new ExportRow(Fields.Count);
            var text = new string('x', 1000);
            long written = 0;
            for (var i = 0; output.Length == 0 && written < StreamingLimitBytes; i++)
            {
                Fill(row, i.ToString(CultureInfo.InvariantCulture), text + i.ToString(CultureInfo.InvariantCulture));
                await writer.WriteRecordAsync(row, CancellationToken.None);
                written += text.Length;
            }

            Assert.True(output.Length > 0, $"Nothing reached the output after {written:N0} bytes of values: the writer keeps the whole export in memory.");
            await writer.WriteEndAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task CancelledToken_StopsTheExportWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        using var output = new ProbeStream(keep: false);
        var records = Enumerable.Range(0, 10_000).Select(i => (i.ToString(CultureInfo.InvariantCulture), (object?)"value"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WriteAsync(output, records, cancel.Token));
    }

    [Fact]
    public void ContentType_IsAMediaType()
    {
        var type = CreateFormat().ContentType;

        Assert.Matches("^[a-z]+/[a-zA-Z0-9.+-]+(;.*)?$", type);
    }

    private static string Describe(string? text) => text is null ? "null" : $"'{text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)}'";
}
