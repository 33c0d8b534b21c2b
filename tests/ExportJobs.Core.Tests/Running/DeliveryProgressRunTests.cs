using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Running;

/// <summary>
/// The run's live delivery progress counts each byte of the file once, for a whole-file and a streamed delivery whose
/// destination reads every part twice (hash, then send, as s3 and azure-blob do): half the file sent shows half, the
/// whole file N, never 2N (which the progress, capped at the file's length, showed as "done" at half-way).
/// </summary>
public sealed class DeliveryProgressRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PartsReadTwice_ProgressIsHalfAtHalfWay_AndEndsAtTheFileLength(bool streams)
    {
        var source = new GatedRecordSource(3_000);
        source.ReleaseAll();
        await using var harness = new EngineHarness(source, extend: b => b.AddDestination<PartByPartDestination>(PartByPartDestination.Name));
        var destination = (PartByPartDestination)harness.Services.GetRequiredKeyedService<IExportDestination>(PartByPartDestination.Name);
        destination.Streams = streams;
        var job = await harness.CreateAsync(EngineHarness.Job("csv") with { DestinationType = PartByPartDestination.Name });

        var handle = await harness.StartAsync(job);
        var length = await destination.HalfSent.Task.WaitAsync(Bound);
        var half = await DeliveryProgressAsync(harness, handle.Run.Id); // a streamed run shows the delivery once its file is recorded
        destination.Continue.Release();
        await destination.AllSent.Task.WaitAsync(Bound);
        var all = harness.Dispatcher.GetProgress(handle.Run.Id);
        destination.Continue.Release();
        var run = await handle.Completion.WaitAsync(Bound);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(length, run.FileSize);
        Assert.Equal(streams ? 1 : 0, destination.StreamedDeliveries);
        Assert.Equal(ExportRunProgressStage.Delivery, half!.Stage);
        Assert.Equal(length / 2, half.BytesWritten);
        Assert.Equal(ExportRunProgressStage.Delivery, all!.Stage);
        Assert.Equal(length, all.BytesWritten);
    }

    [Fact]
    public async Task ManifestRun_ProgressCountsTheManifestsBytes_OnTopOfTheParts()
    {
        var source = new GatedRecordSource(3_000);
        source.ReleaseAll();
        await using var harness = new EngineHarness(source, extend: b => b.AddDestination<ManifestWatchingDestination>(ManifestWatchingDestination.Name));
        var destination = (ManifestWatchingDestination)harness.Services.GetRequiredKeyedService<IExportDestination>(ManifestWatchingDestination.Name);
        var job = await harness.CreateAsync(EngineHarness.Job("csv") with
        {
            DestinationType = ManifestWatchingDestination.Name,
            FilenameTemplate = "out/{jobId}-{part}.csv",
            Split = new ExportSplit { MaxRecords = 1_000 },
            Manifest = true,
        });

        var handle = await harness.StartAsync(job);
        var (parts, manifest) = await destination.ManifestRead.Task.WaitAsync(Bound);
        var progress = harness.Dispatcher.GetProgress(handle.Run.Id);
        destination.Continue.Release();
        var run = await handle.Completion.WaitAsync(Bound);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Assert.Equal(3, destination.Parts);
        Assert.Equal(ExportRunProgressStage.Delivery, progress!.Stage);
        Assert.True(manifest > 0);
        Assert.Equal(parts + manifest, progress.BytesWritten);
    }

    /// <summary>The run's progress once it shows the delivery stage (bounded wait).</summary>
    private static async Task<ExportRunProgress> DeliveryProgressAsync(EngineHarness harness, string runId)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (true)
        {
            if (harness.Dispatcher.GetProgress(runId) is { Stage: ExportRunProgressStage.Delivery } progress)
            {
                return progress;
            }

            Assert.False(bound.IsCancellationRequested, "The run's progress never showed the delivery stage.");
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>Reads every file once; after reading the manifest, tells the bytes of the parts and of the manifest and holds until <see cref="Continue"/>.</summary>
    private sealed class ManifestWatchingDestination : IExportDestination
    {
        public const string Name = "manifest-watching";

        private long _partBytes;

        public int Parts;

        public TaskCompletionSource<(long Parts, long Manifest)> ManifestRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Continue { get; } = new(0);

        public void Validate(JsonObject config, ValidationErrors errors)
        {
        }

        public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
        {
            await using (var file = delivery.OpenRead())
            {
                await file.CopyToAsync(Stream.Null, cancellationToken);
            }

            if (delivery.FileName.EndsWith(".manifest.json", StringComparison.Ordinal))
            {
                ManifestRead.TrySetResult((_partBytes, delivery.Length));
                await Continue.WaitAsync(cancellationToken);
            }
            else
            {
                Parts++;
                _partBytes += delivery.Length;
            }

            await delivery.BeforePublishAsync(cancellationToken);
            return new DeliveryResult("manifest-watching://" + delivery.FileName);
        }
    }

    /// <summary>Reads the file as two parts, each twice (hash, then send); holds after each half until <see cref="Continue"/> is released.</summary>
    private sealed class PartByPartDestination : IExportDestination
    {
        public const string Name = "part-by-part";

        public bool Streams { get; set; }

        public int StreamedDeliveries;

        /// <summary>The file's length, once its first half was read twice.</summary>
        public TaskCompletionSource<long> HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource AllSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Continue { get; } = new(0);

        public void Validate(JsonObject config, ValidationErrors errors)
        {
        }

        public bool SupportsStreaming(JsonObject config) => Streams;

        public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
        {
            await using var file = delivery.OpenRead();
            await SendAsync(delivery.Length, (offset, count) =>
            {
                file.Seek(offset, SeekOrigin.Begin);
                return file.ReadExactlyAsync(new byte[count], cancellationToken);
            }, cancellationToken);
            await delivery.BeforePublishAsync(cancellationToken);
            return new DeliveryResult("part-by-part://" + delivery.FileName);
        }

        public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref StreamedDeliveries);
            var summary = await delivery.WaitForCompletionAsync(cancellationToken); // the run shows the delivery stage from here
            await SendAsync(summary.Length, async (offset, count) =>
            {
                await using var window = delivery.OpenRead(offset);
                await window.ReadExactlyAsync(new byte[count], cancellationToken);
            }, cancellationToken);
            await delivery.BeforePublishAsync(cancellationToken);
            return new DeliveryResult("part-by-part://" + delivery.FileName);
        }

        private async Task SendAsync(long length, Func<long, int, ValueTask> read, CancellationToken cancellationToken)
        {
            var half = (int)(length / 2);
            await read(0, half); // hash part 1
            await read(0, half); // send part 1
            HalfSent.TrySetResult(length);
            await Continue.WaitAsync(cancellationToken);
            await read(half, (int)(length - half));
            await read(half, (int)(length - half));
            AllSent.TrySetResult();
            await Continue.WaitAsync(cancellationToken);
        }
    }
}
