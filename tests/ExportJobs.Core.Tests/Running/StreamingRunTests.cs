using System.IO.Compression;
using System.Security.Cryptography;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Running;

/// <summary>Runs whose destination streams (contract v2): delivered while the spool file is written, through the spool tail.</summary>
public sealed class StreamingRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delivery_StartsWhileTheSourceIsStillHeld_AndTheRunRecordsTheDeliveredFilesSizeAndChecksum(bool compress)
    {
        var source = new GatedRecordSource(3_000);
        await using var harness = Harness(source, out var destination);
        var job = await harness.CreateAsync(Job(compress));
        source.Release(2_000);

        var handle = await harness.StartAsync(job);
        await destination.Started.Task.WaitAsync(Bound);
        if (!compress)
        {
            // 2,000 records of about 250 bytes are in the file (gzip keeps them in its buffer): the destination reads them now.
            await destination.FirstBytes.Task.WaitAsync(Bound);
        }

        Assert.False(handle.Completion.IsCompleted);
        Assert.True(source.Sent <= 2_000);
        source.ReleaseAll();
        var run = await handle.Completion.WaitAsync(Bound);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(1, destination.StreamedDeliveries);
        Assert.Equal(0, destination.WholeDeliveries);
        var delivered = await File.ReadAllBytesAsync(Assert.Single(harness.Delivered()));
        Assert.Equal(delivered.Length, run.FileSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(delivered)), run.Checksum);
        Assert.Equal(run.DestinationPath, Assert.Single(harness.Delivered()));
        var lines = Text(delivered, compress).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3_001, lines.Length);
        Assert.StartsWith("p2999,", lines[^1], StringComparison.Ordinal);
        if (!compress)
        {
            Assert.True(destination.ReadBeforeComplete > 0, "The destination should have read bytes before the file was finished.");
        }

        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task SourceThrowsMidStream_TheDestinationSeesTheAbort_AndTheRunErrorIsTheSources()
    {
        var source = new GatedRecordSource(3_000) { ThrowAt = 2_500 };
        await using var harness = Harness(source, out var destination);
        var job = await harness.CreateAsync(Job(compress: false));
        source.Release(2_000);
        var handle = await harness.StartAsync(job);
        await destination.FirstBytes.Task.WaitAsync(Bound);

        source.ReleaseAll();
        var run = await handle.Completion.WaitAsync(Bound);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("reading records from the record source", run.Error, StringComparison.Ordinal);
        Assert.Contains("The PIM database connection was lost.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("aborted", run.Error, StringComparison.OrdinalIgnoreCase);
        var ended = await destination.Ended.Task.WaitAsync(Bound);
        Assert.IsType<ExportStreamAbortedException>(ended);
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task DestinationFailsMidStream_TheRunFailsWithItsError_AndSpoolingStops()
    {
        // The source never gets past 2,000 records: the run can only end because the destination's failure stopped it.
        var source = new GatedRecordSource(100_000);
        await using var harness = Harness(source, out var destination);
        destination.FailAfterBytes = 1;
        var job = await harness.CreateAsync(Job(compress: false));
        source.Release(2_000);

        var run = await (await harness.StartAsync(job)).Completion.WaitAsync(Bound);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("delivering", run.Error, StringComparison.Ordinal);
        Assert.Contains("The streaming test server refused the upload (test failure).", run.Error, StringComparison.Ordinal);
        Assert.True(source.Sent <= 2_000);
        Assert.IsType<ExportDeliveryException>(await destination.Ended.Task.WaitAsync(Bound));
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task CancelledMidStream_TheDestinationAborts_AndTheRunIsCancelledWithTheReason()
    {
        var source = new GatedRecordSource(3_000);
        await using var harness = Harness(source, out var destination);
        var job = await harness.CreateAsync(Job(compress: false));
        source.Release(2_000);
        var handle = await harness.StartAsync(job);
        await destination.FirstBytes.Task.WaitAsync(Bound);
        await source.WaitUntilBlockedAfterAsync(2_000).WaitAsync(Bound);   // the writer is done with the 2,000: the run waits for the source

        Assert.True(harness.Dispatcher.Cancel(job.Id, "The job was deleted."));
        var run = await handle.Completion.WaitAsync(Bound);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.StartsWith("Cancelled while reading records from the record source", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("The job was deleted.", run.Error, StringComparison.Ordinal);
        Assert.NotNull(await destination.Ended.Task.WaitAsync(Bound));
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task SkipEmptyWithoutRecords_NeverStartsADelivery()
    {
        var source = new GatedRecordSource(0);
        await using var harness = Harness(source, out var destination);
        var job = await harness.CreateAsync(Job(compress: false) with { SkipEmpty = true });

        var run = await (await harness.StartAsync(job)).Completion.WaitAsync(Bound);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(ExportRun.NoRecords, run.Skipped);
        Assert.Equal(0, destination.StreamedDeliveries + destination.WholeDeliveries);
        Assert.False(destination.Started.Task.IsCompleted);
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task NoRecordsWithoutSkipEmpty_StreamsTheHeaderOnlyFileOnceItIsFinished()
    {
        var source = new GatedRecordSource(0);
        await using var harness = Harness(source, out var destination);
        var job = await harness.CreateAsync(Job(compress: false));

        var run = await (await harness.StartAsync(job)).Completion.WaitAsync(Bound);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(1, destination.StreamedDeliveries);
        var delivered = await File.ReadAllBytesAsync(Assert.Single(harness.Delivered()));
        var header = Assert.Single(Text(delivered, compress: false).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("id,", header, StringComparison.Ordinal);
        Assert.Equal(delivered.Length, run.FileSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(delivered)), run.Checksum);
    }

    [Fact]
    public async Task DestinationThatDoesNotStream_GetsTheWholeFileAsBefore_AndSplitRunsAreNotStreamed()
    {
        var source = new GatedRecordSource(2_500);
        source.ReleaseAll();
        await using var harness = Harness(source, out var destination);
        destination.Streams = false;
        var whole = await (await harness.StartAsync(await harness.CreateAsync(Job(compress: true)))).Completion.WaitAsync(Bound);
        destination.Streams = true;
        var split = await (await harness.StartAsync(await harness.CreateAsync(Job(compress: false) with { Split = new ExportSplit { MaxRecords = 1_000 }, FilenameTemplate = "out/{jobId}-{runId}-{part}.{format}" }))).Completion.WaitAsync(Bound);

        Assert.True(whole.Status == ExportRunStatus.Success, whole.Error);
        Assert.True(split.Status == ExportRunStatus.Success, split.Error);
        Assert.Equal(0, destination.StreamedDeliveries);
        Assert.Equal(4, destination.WholeDeliveries);
        Assert.Equal(4, harness.Delivered().Length);
        Assert.Empty(harness.FilesLeft());
    }

    private static EngineHarness Harness(GatedRecordSource source, out StreamingDestination destination)
    {
        var harness = new EngineHarness(source, extend: b => b.AddDestination<StreamingDestination>(StreamingDestination.Name));
        destination = (StreamingDestination)harness.Services.GetRequiredKeyedService<IExportDestination>(StreamingDestination.Name);
        destination.Folder = harness.DeliveredFolder;
        return harness;
    }

    private static ExportJobDefinition Job(bool compress) => EngineHarness.Job("csv", compress) with
    {
        DestinationType = StreamingDestination.Name,
        FilenameTemplate = "out/{jobId}-{runId}.{format}",
    };

    private static string Text(byte[] file, bool compress)
    {
        if (!compress)
        {
            return System.Text.Encoding.UTF8.GetString(file);
        }

        using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
