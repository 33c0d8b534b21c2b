using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using Xunit;

namespace ExportJobs.Testing.Destinations;

public abstract partial class ExportDestinationConformanceTests
{
    /// <summary>
    /// Whether the destination receives single-file runs while they are written (destination contract v2:
    /// <see cref="IExportDestination.SupportsStreaming"/> is <see langword="true"/> for <see cref="CreateConfig"/>).
    /// Default <see langword="false"/>; override it to return <see langword="true"/> when yours streams, and the kit feeds
    /// deliveries to <see cref="IExportDestination.DeliverStreamingAsync"/> against your server.
    /// </summary>
    protected virtual bool Streams => false;

    /// <summary>A feed for a streaming delivery with <paramref name="config"/> (<see cref="FileName"/>, the kit's job), disposed after the test.</summary>
    /// <param name="config">The job's settings.</param>
    /// <param name="hooks">How the delivery reacts to reads and to its publish step.</param>
    protected StreamingDeliveryFeed CreateFeed(JsonObject config, DeliveryHooks? hooks = null)
    {
        var feed = new StreamingDeliveryFeed(DestinationType, config, hooks) { FileName = FileName };
        _feeds.Add(feed);
        return feed;
    }

    [Fact]
    public async Task Streaming_IsOfferedExactlyWhenDeclared_AndStoresExactlyTheBytesFed()
    {
        var config = CreateConfig();
        var offered = Destination.SupportsStreaming(config);

        Assert.True(Streams == offered, Streams
            ? "Streams is true, but SupportsStreaming returned false for CreateConfig()."
            : "SupportsStreaming returned true: override Streams to return true so that the kit tests it.");
        if (!offered)
        {
            return;
        }

        var published = 0;
        var feed = CreateFeed(config, new DeliveryHooks(null, _ =>
        {
            Interlocked.Increment(ref published);
            return Task.CompletedTask;
        }));
        var content = KitContent();
        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await FeedAsync(feed, content, content.Length);
        var summary = await feed.CompleteAsync();

        var result = await delivering.WaitAsync(StreamingBound);

        Assert.Equal(content.Length, summary.Length);
        Assert.False(string.IsNullOrWhiteSpace(result.DestinationPath), "DeliverStreamingAsync must say where the file went.");
        foreach (var secret in SecretValues(config))
        {
            Assert.DoesNotContain(secret, result.DestinationPath, StringComparison.Ordinal);
        }

        Assert.True(published > 0, "The destination never called ExportStreamingDelivery.BeforePublishAsync before making the file visible.");
        var stored = await ReadStoredAsync(CreateConfig(), FileName, result);
        Assert.True(content.AsSpan().SequenceEqual(stored), $"The destination stored {stored.Length} bytes that differ from the {content.Length} bytes fed to it.");
        Assert.Single(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Streaming_ProgressCountsEachByteOnce_EndsAtTheFileLength()
    {
        if (!Destination.SupportsStreaming(CreateConfig()))
        {
            return;
        }

        long read = 0;
        var feed = CreateFeed(CreateConfig(), new DeliveryHooks(count => Interlocked.Add(ref read, count), null));
        var content = KitContent();
        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await FeedAsync(feed, content, content.Length);
        await feed.CompleteAsync();

        await delivering.WaitAsync(StreamingBound);

        Assert.True(read == content.Length, $"The streamed delivery's progress ended at {read} bytes for a file of {content.Length}.");
    }

    [Fact]
    public async Task Streaming_ExportFailsHalfWay_ThrowsAndLeavesNothing()
    {
        if (!Destination.SupportsStreaming(CreateConfig()))
        {
            return;
        }

        var feed = CreateFeed(CreateConfig());
        var content = KitContent();
        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await FeedAsync(feed, content, content.Length / 2);

        feed.Fail(new InvalidOperationException("Conformance kit: the record source failed."));

        await Assert.ThrowsAnyAsync<Exception>(() => delivering.WaitAsync(StreamingBound));
        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Streaming_CancelledHalfWay_ThrowsOperationCanceledAndLeavesNothing()
    {
        if (!Destination.SupportsStreaming(CreateConfig()))
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var feed = CreateFeed(CreateConfig());
        var content = KitContent();
        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, cancel.Token);
        await FeedAsync(feed, content, content.Length / 2);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(StreamingBound));
        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Streaming_CancelledAtThePublishStep_LeavesNothing()
    {
        if (!Destination.SupportsStreaming(CreateConfig()))
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var published = 0;
        var feed = CreateFeed(CreateConfig(), new DeliveryHooks(null, _ =>
        {
            Interlocked.Increment(ref published);
            cancel.Cancel();
            throw new OperationCanceledException("The run was cancelled.", cancel.Token);
        }));
        var content = KitContent();
        var delivering = Destination.DeliverStreamingAsync(feed.Delivery, cancel.Token);
        await FeedAsync(feed, content, content.Length);
        await feed.CompleteAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(StreamingBound));

        Assert.True(published > 0, "The destination never called ExportStreamingDelivery.BeforePublishAsync before making the file visible.");
        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    /// <summary>How long a streamed delivery may take to end once the kit finished, failed or cancelled its file.</summary>
    private static TimeSpan StreamingBound => TimeSpan.FromSeconds(60);

    /// <summary>The kit's file content: every byte value, then random bytes, <see cref="FileSize"/> in all.</summary>
    private byte[] KitContent()
    {
        var content = new byte[FileSize];
        for (var i = 0; i < Math.Min(256, content.Length); i++)
        {
            content[i] = (byte)i;
        }

        new Random(FileSize).NextBytes(content.AsSpan(Math.Min(256, content.Length)));
        return content;
    }

    /// <summary>Feeds the first <paramref name="count"/> bytes in pieces of 16 KiB, as a writer would.</summary>
    private static async Task FeedAsync(StreamingDeliveryFeed feed, byte[] content, int count)
    {
        for (var at = 0; at < count; at += 16 * 1024)
        {
            await feed.WriteAsync(content.AsMemory(at, Math.Min(16 * 1024, count - at)));
        }
    }
}
