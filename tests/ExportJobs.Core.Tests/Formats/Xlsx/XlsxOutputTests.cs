using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Xlsx;
using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Formats.Xlsx;

public sealed class XlsxOutputTests
{
    private static readonly Dictionary<string, string> GermanScope = new() { ["dim-language"] = "seg-de" };
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<bool, bool> Cases() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_OfAwkwardValues_ReadsBackByOpenXml_AsTheSameRowsAndCellTypes(bool scoped, bool variants)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var scope = scoped ? GermanScope : null;

        var run = await harness.RunAsync(EngineHarness.Job("xlsx", scope: scope, includeVariants: variants));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var file = Assert.Single(harness.Delivered());
        Assert.EndsWith(".xlsx", file, StringComparison.Ordinal);
        var sheet = XlsxReader.Read(file);
        Assert.Equal(1, sheet.SheetCount);
        Assert.Equal(1, sheet.FrozenRows);
        Assert.All(sheet.HeaderBold, Assert.True);
        var expected = new List<List<string?>> { XlsxExpected.Header(AwkwardRecords.Columns) };
        expected.AddRange(AwkwardRecords.All.Where(r => variants || r.ParentId is null).Select(r => XlsxExpected.Row(r, AwkwardRecords.Columns, scope)));
        XlsxExpected.AssertSameRows(expected, sheet.Rows);
        Assert.Equal(expected.Count - 1, run.RecordCount);
    }

    [Theory]
    [InlineData("columns")]
    [InlineData("labels-de")]
    [InlineData("labels-fr")]
    public async Task Export_WithColumnsOrLabels_MatchesGoldenCells(string profile)
    {
        var (_, headers, segment, columns) = ProfileCases.All().Single(p => p.Name == profile);
        await using var harness = new EngineHarness(new ListRecordSource(ProfileCases.LabelledColumns, AwkwardRecords.All));

        var run = await harness.RunAsync(ProfileCases.Job("xlsx", headers, segment, columns));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var sheet = XlsxReader.Read(Assert.Single(harness.Delivered()));
        var text = string.Join("\n", sheet.Rows.Select(r => string.Join(" | ", r.Select(c => c is null ? "(empty)" : JsonSerializer.Serialize(c, Readable))))) + "\n";
        Golden.AssertMatches($"xlsx-{profile}.cells.txt", Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public async Task Export_OpensInLibreOffice_AsTheSameRows()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var run = await harness.RunAsync(EngineHarness.Job("xlsx", scope: GermanScope));
        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var file = Assert.Single(harness.Delivered());

        var csv = await LibreOffice.ConvertToCsvAsync(file, Path.Combine(harness.Root, "libreoffice"));

        var rows = CsvRows(await File.ReadAllTextAsync(csv));
        var expected = new List<List<string?>> { XlsxExpected.Header(AwkwardRecords.Columns) };
        expected.AddRange(AwkwardRecords.All.Select(r => XlsxExpected.Row(r, AwkwardRecords.Columns, GermanScope)));
        Assert.Equal(expected.Count, rows.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < expected[r].Count; c++)
            {
                AssertShown(expected[r][c], c < rows[r].Count ? rows[r][c] : string.Empty, $"row {r} column {c}");
            }
        }
    }

    [Fact]
    public async Task ValuesExcelCannotHoldExactly_AreTextAndControlCharactersSurvive()
    {
        var record = new ExportRecord
        {
            Id = "p-edge",
            SchemaId = "s",
            UpdatedAt = new DateTimeOffset(2026, 6, 1, 23, 30, 0, TimeSpan.FromHours(-4)),
            Attributes = new Dictionary<string, object?>
            {
                ["escape"] = "literal _x0041_ stays, bell \u0007 and CR\r too",
                ["big"] = 12345678901234567L,
                ["precise"] = 1.2345678901234567890123m,
                ["nan"] = double.NaN,
                ["old"] = new DateOnly(1850, 7, 1),
                ["local"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            },
        };
        ExportColumn[] columns = [new("escape"), new("big"), new("precise"), new("nan"), new("old"), new("local")];
        await using var harness = new EngineHarness(new ListRecordSource(columns, [record]));

        var run = await harness.RunAsync(EngineHarness.Job("xlsx") with { Columns = [new("updatedAt"), .. columns.Select(c => new ExportJobColumn(c.Code))] });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(
            ["d:2026-06-02T03:30:00.000", "s:literal _x0041_ stays, bell \u0007 and CR\r too", "s:12345678901234567", "s:1.2345678901234567890123", "s:NaN", "s:1850-07-01", "d:2026-01-02T03:04:05.000"],
            XlsxReader.Read(Assert.Single(harness.Delivered())).Rows[1]);
    }

    [Fact]
    public async Task Value_LongerThanAnExcelCell_FailsTheRunNamingRecordAndColumn()
    {
        var record = new ExportRecord { Id = "p-long", SchemaId = "s", Attributes = new Dictionary<string, object?> { ["description"] = new string('x', 32_768) } };
        await using var harness = new EngineHarness(new ListRecordSource([new("description")], [new ExportRecord { Id = "p-ok", SchemaId = "s" }, record]));

        var run = await harness.RunAsync(EngineHarness.Job("xlsx") with { Columns = [new("id"), new("description") { Header = "Beschreibung" }] });

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("column 'Beschreibung' of record 'p-long' has 32,768 characters; an xlsx cell holds at most 32,767", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ExportFormatException", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Delivered());
    }

    [Fact]
    public async Task Value_OfExactlyTheCellLimit_IsWritten()
    {
        var record = new ExportRecord { Id = "p-max", SchemaId = "s", Attributes = new Dictionary<string, object?> { ["description"] = new string('x', 32_767) } };
        await using var harness = new EngineHarness(new ListRecordSource([new("description")], [record]));

        var run = await harness.RunAsync(EngineHarness.Job("xlsx") with { Columns = [new("description")] });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal("s:" + new string('x', 32_767), XlsxReader.Read(Assert.Single(harness.Delivered())).Rows[1][0]);
    }

    [Fact]
    public async Task Records_BeyondTheSheetsRowLimit_FailWithAnErrorSuggestingSplit()
    {
        var context = new ExportFormatContext
        {
            Job = new ExportJob("j", EngineHarness.Job("xlsx")),
            RunId = "r",
            Fields = [new ExportField { Name = "id", Source = "id", IsRecordField = true }],
        };
        using var output = new MemoryStream();
        var writer = new XlsxExportWriter(output, context, maxRows: 3);
        await using (writer)
        {
            await writer.WriteStartAsync(CancellationToken.None);
            var row = new ExportRow(1);
            foreach (var id in new[] { "a", "b" })
            {
                row.Id = id;
                row.SetValue(0, id);
                await writer.WriteRecordAsync(row, CancellationToken.None);
            }

            row.Id = "c";
            var error = await Assert.ThrowsAsync<ExportFormatException>(async () => await writer.WriteRecordAsync(row, CancellationToken.None));

            Assert.Contains("Record 'c' would be row 4 of the sheet; an xlsx sheet holds at most 3 rows", error.Message, StringComparison.Ordinal);
            Assert.Contains("split", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(XlsxLimits.MaxRows, 1_048_576);
    }

    [Fact]
    public async Task Records_BeyondTheRealSheetRowLimit_FailTheRunNamingTheRecordAndSuggestingSplit()
    {
        // 1,048,576 one-cell records (generated on the fly): the header and the first 1,048,575 fill the sheet, the last
        // one (index 1,048,575) would be row 1,048,577. A few seconds; bounded generously for a loaded machine.
        await using var harness = new EngineHarness(new GeneratedRecordSource(XlsxLimits.MaxRows, descriptionLength: 0));
        var job = await harness.CreateAsync(EngineHarness.Job("xlsx") with { Columns = [new("id")] });

        var run = await (await harness.StartAsync(job)).Completion.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("Record 'p1048575' would be row 1,048,577 of the sheet; an xlsx sheet holds at most 1,048,576 rows", run.Error, StringComparison.Ordinal);
        Assert.Contains("split setting (maxRecords at most 1,048,575)", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task Compress_WithXlsx_IsAValidationError()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));

        var result = await harness.Manager.CreateAsync(EngineHarness.Job("xlsx", compress: true));

        Assert.Null(result.Value);
        Assert.Contains("compressed already", Assert.Single(result.Errors!.ToDictionary()["compress"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_OfXlsx_ShowsTheRowsAsCsv()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var job = await harness.CreateAsync(EngineHarness.Job("xlsx") with { Columns = [new("id"), new("price") { Header = "Preis" }] });

        var preview = await harness.Previewer.PreviewAsync(job, 2);

        Assert.Equal("id,Preis\np-1,19.99\np-1-v1,-5\n", preview.Content.ReplaceLineEndings("\n"));
        Assert.Equal("text/csv; charset=utf-8", preview.ContentType);
    }

    /// <summary>What LibreOffice shows for a typed cell in CSV: text as is, TRUE/FALSE, dates in the cell's format, numbers as General.</summary>
    private static void AssertShown(string? expected, string actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual.Length == 0, $"{where}: expected an empty cell, got '{actual}'");
                break;
            case ['b', ':', ..]:
                Assert.Equal(expected == "b:true" ? "TRUE" : "FALSE", actual);
                break;
            case ['n', ':', ..]:
                var number = double.Parse(expected[2..], System.Globalization.CultureInfo.InvariantCulture);
                var shown = double.Parse(actual, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(number - shown) <= Math.Abs(number) * 1e-9, $"{where}: expected {number}, shown {actual}");
                break;
            case ['d', ':', ..]:
                var text = expected[2..];
                Assert.Equal(text.Length == 10 ? text : text[..19].Replace('T', ' '), actual);
                break;
            case ['j', ':', ..]:
                Assert.Equal(expected[2..], Expected.Normalize(JsonNode.Parse(actual)));
                break;
            default:
                Assert.Equal(expected[2..].Replace("\r\n", "\n", StringComparison.Ordinal), actual.Replace("\r\n", "\n", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>A small RFC 4180 reader (LibreOffice quotes cells with separators, quotes and line breaks).</summary>
    private static List<List<string>> CsvRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
