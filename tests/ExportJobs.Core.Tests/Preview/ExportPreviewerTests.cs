using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ExportJobs.Core.Tests.Support;

namespace ExportJobs.Core.Tests.Preview;

/// <summary>The preview's rows are the first rows of the real export, for every format; a preview writes nothing.</summary>
public sealed class ExportPreviewerTests
{
    private const int Limit = 2;

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task TextFormats_PreviewIsThePrefixOfTheRealFile(string format)
    {
        var (preview, real) = await PreviewAndExportAsync(format);

        Assert.Equal(Limit, preview.RecordCount);
        Assert.StartsWith(preview.Content, real, StringComparison.Ordinal);
        Assert.True(preview.Content.Length < real.Length, "The preview should hold fewer records than the whole export.");
        if (format == "jsonl")
        {
            Assert.Equal(Limit, preview.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }

    [Fact]
    public async Task Json_PreviewRecordsAreTheFirstRecordsOfTheRealFile()
    {
        var (preview, real) = await PreviewAndExportAsync("json");

        var previewed = JsonNode.Parse(preview.Content)!.AsArray();
        var exported = JsonNode.Parse(real)!.AsArray();
        Assert.Equal(Limit, previewed.Count);
        Assert.True(exported.Count > Limit);
        Assert.Equal(exported.Take(Limit).Select(n => n!.ToJsonString()), previewed.Select(n => n!.ToJsonString()));
    }

    [Fact]
    public async Task Xml_PreviewRecordsAreTheFirstRecordsOfTheRealFile()
    {
        var (preview, real) = await PreviewAndExportAsync("xml");

        var previewed = XDocument.Parse(preview.Content).Root!.Elements().ToList();
        var exported = XDocument.Parse(real).Root!.Elements().ToList();
        Assert.Equal(Limit, previewed.Count);
        Assert.True(exported.Count > Limit);
        Assert.Equal(exported.Take(Limit).Select(e => e.ToString(SaveOptions.DisableFormatting)), previewed.Select(e => e.ToString(SaveOptions.DisableFormatting)));
    }

    [Fact]
    public async Task Preview_WritesNothing_RecordsNoRun_AndGivesFileNameAndFiveNextRuns()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var job = await harness.CreateAsync(EngineHarness.Job("csv", compress: true));

        var preview = await harness.Previewer.PreviewAsync(job, Limit);

        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(harness.Destination.Deliveries);
        Assert.Empty(await harness.Store.ListRunsAsync(job.Id, 10));
        Assert.True(preview.Compressed);
        Assert.Equal($"out/{job.Id}-2026-04-02.csv.gz", preview.FileName);
        Assert.Equal(5, preview.NextRuns.Count);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 2, 0, 0, TimeSpan.Zero), preview.NextRuns[0]);
        Assert.Equal("UTC", preview.TimeZone);
    }

    private static async Task<(ExportJobs.Preview.ExportPreview Preview, string Real)> PreviewAndExportAsync(string format)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var definition = EngineHarness.Job(format);
        var job = await harness.CreateAsync(definition);
        var preview = await harness.Previewer.PreviewAsync(job, Limit);
        Assert.Empty(harness.Delivered());

        var handle = await harness.StartAsync(job);
        var run = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExportJobs.Model.ExportRunStatus.Success, run.Status);
        var real = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Assert.Single(harness.Delivered())));
        return (preview, real);
    }
}
