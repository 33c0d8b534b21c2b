using ExportJobs.Testing;
using System.IO.Compression;
using System.Security.Cryptography;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Core.Tests.Running;

public sealed class ExportRunnerTests
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("xml")]
    public async Task CompressedRun_DeliversGzipOfThePlainOutput_WithSizeAndChecksumOfTheFile(string format)
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var plain = await harness.RunAsync(EngineHarness.Job(format));

        var zipped = await harness.RunAsync(EngineHarness.Job(format, compress: true));

        Assert.Equal(ExportRunStatus.Success, zipped.Status);
        Assert.EndsWith($".{format}.gz", zipped.FileName, StringComparison.Ordinal);
        Assert.Equal("out/" + zipped.JobId + "-2026-04-01." + format + ".gz", zipped.FileName);
        var file = Path.Combine(harness.DeliveredFolder, zipped.FileName!);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(bytes.Length, zipped.FileSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), zipped.Checksum);
        Assert.Equal(file, zipped.DestinationPath);
        await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await gzip.CopyToAsync(unzipped);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(harness.DeliveredFolder, plain.FileName!)), unzipped.ToArray());
        Assert.Equal("gzip", harness.Destination.Deliveries[^1].ContentEncoding);
    }

    [Fact]
    public async Task ChangesMode_ExportsOnlyRecordsUpdatedSinceTheLastSuccessfulRunStarted()
    {
        var records = new List<ExportRecord>(AwkwardRecords.All);
        var source = new ListRecordSource(AwkwardRecords.Columns, () => records);
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("jsonl") with { Mode = ExportMode.Changes });

        var first = await (await harness.StartAsync(job)).Completion;
        harness.Time.Advance(TimeSpan.FromHours(1));
        records.Add(new ExportRecord { Id = "new-1", SchemaId = "shoes", UpdatedAt = harness.Time.GetUtcNow() });
        records.Add(new ExportRecord { Id = "old-1", SchemaId = "shoes", UpdatedAt = first.StartedAt.AddSeconds(-1) });
        var second = await (await harness.StartAsync(job)).Completion;

        Assert.Equal(3, first.RecordCount);
        Assert.Null(source.Scopes[0].Since);
        Assert.Equal(first.StartedAt, source.Scopes[1].Since);
        Assert.Equal(1, second.RecordCount);
        var rows = OutputReaders.ReadJsonLines(Path.Combine(harness.DeliveredFolder, second.FileName!));
        Assert.Equal("new-1", Assert.Single(rows)["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_DropRecordsOutsideTheJobsScope_EvenWhenTheSourceReturnsThem()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));

        var run = await harness.RunAsync(EngineHarness.Job("json") with { SchemaId = "shoes", CatalogId = "cat-a" });

        var ids = OutputReaders.ReadJson(Path.Combine(harness.DeliveredFolder, run.FileName!)).Select(r => r["id"]!.GetValue<string>());
        Assert.Equal(["p-1", "p-1-v1"], ids);
    }

    [Fact]
    public async Task CsvFormulaProtection_EscapesFormulaText_ButNotNegativeNumbers()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All), o => o.CsvFormulaProtection = true);

        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        var rows = OutputReaders.ReadCsv(Path.Combine(harness.DeliveredFolder, run.FileName!));
        Assert.Equal("'=SUM(A1:A2)", rows[0]["1st price"]!.GetValue<string>());
        Assert.Equal("'@cmd", rows[1]["1st price"]!.GetValue<string>());
        Assert.Equal("-5", rows[1]["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task SecondStart_WhileJobRuns_ReturnsNull()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { HangAfter = 0 };
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("csv"));
        var handle = await harness.StartAsync(job);

        var second = await harness.Dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual));

        Assert.Null(second);
        Assert.True(harness.Dispatcher.IsRunning(job.Id));
        Assert.Equal(ExportRunStatus.Running, (await harness.Store.GetRunAsync(handle.Run.Id))!.Status);
        harness.Dispatcher.Cancel(job.Id, "test over");
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(harness.Dispatcher.IsRunning(job.Id));
    }

    [Fact]
    public async Task ConcurrencyCap_MakesFurtherRunsWait_UntilASlotFrees()
    {
        var hanging = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { HangAfter = 0 };
        await using var harness = new EngineHarness(hanging, o => o.MaxConcurrentRuns = 1);
        var first = await harness.StartAsync(await harness.CreateAsync(EngineHarness.Job("csv")));
        await hanging.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var secondJob = await harness.CreateAsync(EngineHarness.Job("csv"));

        var second = await harness.StartAsync(secondJob);
        await Task.Delay(200);

        Assert.False(second.Completion.IsCompleted);
        Assert.Single(hanging.Scopes);
        harness.Dispatcher.Cancel(first.Run.JobId, "make room");
        hanging.HangAfter = null;
        var secondRun = await second.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExportRunStatus.Success, secondRun.Status);
    }
}
