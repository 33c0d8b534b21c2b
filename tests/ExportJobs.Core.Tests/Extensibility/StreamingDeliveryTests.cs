using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Core.Tests.Extensibility;

/// <summary>The streams and waits of a streaming delivery, fed by the testing kit's <see cref="StreamingDeliveryFeed"/> (the same tail the spool file stage publishes to).</summary>
public sealed class StreamingDeliveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Read_CaughtUpWithTheWriter_WaitsUntilTheWriterWakesIt()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        await using var stream = feed.Delivery.OpenRead();
        var buffer = new byte[100];

        var read = stream.ReadAsync(buffer).AsTask();
        await Task.Yield();
        Assert.False(read.IsCompleted, "A read with nothing written must wait for the writer.");
        await feed.WriteAsync(new byte[] { 1, 2, 3 });

        Assert.Equal(3, await read.WaitAsync(Bound));
        Assert.Equal([1, 2, 3], buffer[..3]);
        var next = stream.ReadAsync(buffer).AsTask();
        await Task.Yield();
        Assert.False(next.IsCompleted, "Caught up again: the read must wait for the next write.");
        await feed.WriteAsync(new byte[] { 4 });
        Assert.Equal(1, await next.WaitAsync(Bound));
        var end = stream.ReadAsync(buffer).AsTask();
        await feed.CompleteAsync();
        Assert.Equal(0, await end.WaitAsync(Bound));
    }

    [Fact]
    public async Task Read_OfBytesAlreadyWritten_CompletesAtOnce_WithoutAThreadPoolHop()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        await feed.WriteAsync(new byte[] { 1, 2, 3, 4, 5 });
        await using var stream = feed.Delivery.OpenRead(1);
        var buffer = new byte[3];

        var read = stream.ReadAsync(buffer);

        // An asynchronous file read is a thread-pool work item on Linux: behind a busy export, every one of an upload's
        // thousands of reads waited in the queue. Bytes already written come from the page cache at once.
        Assert.True(read.IsCompletedSuccessfully, "A read of bytes already written must complete synchronously.");
        Assert.Equal(3, await read);
        Assert.Equal([2, 3, 4], buffer);
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(5, buffer[0]);
    }

    [Fact]
    public async Task Read_WithACancelledToken_Throws_EvenWithBytesWrittenToRead()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        await feed.WriteAsync(new byte[] { 1, 2, 3 });
        await using var stream = feed.Delivery.OpenRead();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var buffer = new byte[3];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await stream.ReadAsync(buffer, cancelled.Token));
        await stream.ReadExactlyAsync(buffer);                                   // nothing was consumed by the cancelled read
        Assert.Equal([1, 2, 3], buffer);
    }

    [Fact]
    public async Task SeveralReadersAtOffsets_OpenedBeforeTheBytesExist_EachReadsItsOwnWindow()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        await using var feed = new StreamingDeliveryFeed("test", []);
        int[] offsets = [0, 1, 65_536, 299_999, 300_000];
        var readers = offsets.Select(offset => Task.Run(async () =>
        {
            await using var stream = feed.Delivery.OpenRead(offset);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, 7_000);
            return copy.ToArray();
        })).ToArray();

        for (var at = 0; at < content.Length; at += 40_000)
        {
            await feed.WriteAsync(content.AsMemory(at, Math.Min(40_000, content.Length - at)));
        }

        await feed.CompleteAsync();
        for (var i = 0; i < offsets.Length; i++)
        {
            var read = await readers[i].WaitAsync(Bound);
            Assert.True(content.AsSpan(offsets[i]).SequenceEqual(read), $"The reader at {offsets[i]} read {read.Length} bytes that differ from the file's.");
        }
    }

    [Fact]
    public async Task WaitForLength_ReturnsOnceThatManyBytesAreWritten_OrTheFileIsFinished()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        var delivery = feed.Delivery;

        var ten = delivery.WaitForLengthAsync(10, CancellationToken.None).AsTask();
        await feed.WriteAsync(new byte[6]);
        await Task.Yield();
        Assert.False(ten.IsCompleted, "6 of 10 bytes written: still waiting.");
        await feed.WriteAsync(new byte[6]);
        Assert.Equal(12, await ten.WaitAsync(Bound));

        var hundred = delivery.WaitForLengthAsync(100, CancellationToken.None).AsTask();
        Assert.False(delivery.IsComplete);
        await feed.CompleteAsync();
        Assert.Equal(12, await hundred.WaitAsync(Bound));
        Assert.True(delivery.IsComplete);
    }

    [Fact]
    public async Task Completion_IsTheFinishedFilesLengthAndSha256()
    {
        var content = RandomNumberGenerator.GetBytes(70_001);
        await using var feed = new StreamingDeliveryFeed("test", []);
        var completion = feed.Delivery.WaitForCompletionAsync(CancellationToken.None);
        await feed.WriteAsync(content.AsMemory(0, 70_000));
        await Task.Yield();
        Assert.False(completion.IsCompleted, "The file is not finished yet.");
        await feed.WriteAsync(content.AsMemory(70_000));

        var fed = await feed.CompleteAsync();
        var summary = await completion.WaitAsync(Bound);

        Assert.Equal(new ExportFileSummary(content.Length, Convert.ToHexStringLower(SHA256.HashData(content))), summary);
        Assert.Equal(summary, fed);
        Assert.Equal(content, await File.ReadAllBytesAsync(feed.FilePath));
    }

    [Fact]
    public async Task WriterFailure_SurfacesAsExportStreamAborted_InEveryReadAndWait_EvenWithBytesLeftToRead()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        var delivery = feed.Delivery;
        await using var waiting = delivery.OpenRead(1_000);
        await using var behind = delivery.OpenRead();
        await feed.WriteAsync(new byte[500]);
        var read = waiting.ReadAsync(new byte[10]).AsTask();
        var completion = delivery.WaitForCompletionAsync(CancellationToken.None);
        var failure = new InvalidOperationException("The record source failed.");

        feed.Fail(failure);

        var aborted = await Assert.ThrowsAsync<ExportStreamAbortedException>(() => read.WaitAsync(Bound));
        Assert.Same(failure, aborted.InnerException);
        Assert.Contains("failed or was cancelled", aborted.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ExportStreamAbortedException>(() => completion.WaitAsync(Bound));
        await Assert.ThrowsAsync<ExportStreamAbortedException>(() => behind.ReadAsync(new byte[10]).AsTask());
        await Assert.ThrowsAsync<ExportStreamAbortedException>(() => delivery.WaitForLengthAsync(1, CancellationToken.None).AsTask());
        Assert.False(delivery.IsComplete);
        await Assert.ThrowsAsync<InvalidOperationException>(() => feed.WriteAsync(new byte[1]));
    }

    [Fact]
    public async Task Read_Cancelled_ThrowsOperationCanceled_AndTheOtherReadersGoOn()
    {
        await using var feed = new StreamingDeliveryFeed("test", []);
        using var cancel = new CancellationTokenSource();
        await using var cancelled = feed.Delivery.OpenRead();
        await using var other = feed.Delivery.OpenRead();
        var read = cancelled.ReadAsync(new byte[10], cancel.Token).AsTask();
        var otherRead = other.ReadAsync(new byte[10]).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Bound));
        Assert.False(otherRead.IsCompleted);
        await feed.WriteAsync(new byte[] { 9 });
        Assert.Equal(1, await otherRead.WaitAsync(Bound));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.Delivery.WaitForCompletionAsync(cancel.Token));
    }

    [Fact]
    public async Task BeforePublish_BeforeTheFileIsFinished_Throws_AfterwardsCallsThePublishGate()
    {
        var gate = 0;
        await using var feed = new StreamingDeliveryFeed("test", new JsonObject { ["x"] = 1 }, new DeliveryHooks(null, _ =>
        {
            gate++;
            return Task.CompletedTask;
        }))
        {
            FileName = "a/b.csv.gz",
            ContentEncoding = "gzip",
        };
        await feed.WriteAsync(new byte[] { 1 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => feed.Delivery.BeforePublishAsync(CancellationToken.None));
        await feed.CompleteAsync();
        await feed.Delivery.BeforePublishAsync(CancellationToken.None);

        Assert.Equal(1, gate);
        Assert.Equal("a/b.csv.gz", feed.Delivery.FileName);
        Assert.Equal("gzip", feed.Delivery.ContentEncoding);
        Assert.Equal(1, (int)feed.Delivery.Config["x"]!);
    }

    [Fact]
    public async Task DefaultDestination_DoesNotStream()
    {
        IExportDestination destination = new CoreDefaultsDestination();
        await using var feed = new StreamingDeliveryFeed("test", []);

        Assert.False(destination.SupportsStreaming([]));
        await Assert.ThrowsAsync<NotSupportedException>(() => destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None));
    }

    private sealed class CoreDefaultsDestination : IExportDestination
    {
        public void Validate(JsonObject config, ExportJobs.Validation.ValidationErrors errors)
        {
        }

        public Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken) => Task.FromResult(new DeliveryResult("x"));
    }
}
