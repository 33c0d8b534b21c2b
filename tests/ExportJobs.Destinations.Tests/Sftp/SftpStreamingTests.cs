using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Sftp;

/// <summary>Streamed SFTP delivery (contract v2) against sshd, and the clean-up of the temporary file on every failure.</summary>
[Collection(DestinationServers.Name)]
public sealed class SftpStreamingTests(SshdServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly DestinationHarness _harness = new();
    private readonly string _folder = "stream-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streamed_WrittenWhileTheExportRuns_IsByteIdenticalToAnIndependentReadBack(bool gzip)
    {
        var content = Content(3 * 1024 * 1024, gzip);
        var readHalf = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long read = 0;
        await using var feed = new StreamingDeliveryFeed(Job(gzip), new DeliveryHooks(
            count =>
            {
                if (Interlocked.Add(ref read, count) >= content.Length / 2)
                {
                    readHalf.TrySetResult();
                }
            },
            null))
        {
            FileName = gzip ? "daily/products.csv.gz" : "daily/products.csv",
            ContentEncoding = gzip ? "gzip" : null,
        };
        var destination = _harness.Get("sftp");
        Assert.True(destination.SupportsStreaming(Config()));

        var delivering = destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await FeedAsync(feed, content, 0, content.Length / 2 + 1);
        await readHalf.Task.WaitAsync(Bound); // the destination uploads while the file is still being written
        Assert.False(feed.Delivery.IsComplete);
        await FeedAsync(feed, content, content.Length / 2 + 1, content.Length);
        var summary = await feed.CompleteAsync();
        var result = await delivering.WaitAsync(Bound);

        var remote = $"{SshdServer.Home}/{_folder}/{feed.FileName}";
        Assert.Equal($"sftp://127.0.0.1:{server.Port}{remote}", result.DestinationPath);
        var stored = await DownloadAsync(remote);
        Assert.Equal(summary.Length, stored.Length);
        Assert.Equal(summary.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.True(content.AsSpan().SequenceEqual(stored), "The stored file differs from the bytes fed.");
        if (gzip)
        {
            Assert.StartsWith("sku,name", Gunzip(stored), StringComparison.Ordinal);
        }

        Assert.Equal([Path.GetFileName(remote)], await server.ListHomeFolderAsync($"{_folder}/daily"));
    }

    [Fact]
    public async Task ExportFailsMidStream_TheAbortPropagates_AndLeavesNoFileNorTemporaryFile()
    {
        var content = Content(2 * 1024 * 1024, gzip: false);
        var (feed, readSome) = Feed(512 * 1024);
        await using (feed)
        {
            var delivering = _harness.Get("sftp").DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
            await FeedAsync(feed, content, 0, content.Length / 2);
            await readSome.Task.WaitAsync(Bound);

            feed.Fail(new InvalidOperationException("The PIM database connection was lost."));

            await Assert.ThrowsAsync<ExportStreamAbortedException>(() => delivering.WaitAsync(Bound));
        }

        Assert.Empty(await server.ListHomeFolderAsync(_folder));
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Contains("Could not delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelledMidStream_ThrowsOperationCanceled_AndLeavesNoFileNorTemporaryFile()
    {
        var content = Content(2 * 1024 * 1024, gzip: false);
        using var cancel = new CancellationTokenSource();
        var (feed, readSome) = Feed(512 * 1024);
        await using (feed)
        {
            var delivering = _harness.Get("sftp").DeliverStreamingAsync(feed.Delivery, cancel.Token);
            await FeedAsync(feed, content, 0, content.Length / 2);
            await readSome.Task.WaitAsync(Bound);

            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering.WaitAsync(Bound));
        }

        Assert.Empty(await server.ListHomeFolderAsync(_folder));
    }

    [Fact]
    public async Task ConnectionDroppedMidStream_FailsSayingSo_AndLeavesNoFileNorTemporaryFile()
    {
        var content = Content(4 * 1024 * 1024, gzip: false);
        await using var proxy = new LoopbackProxy(server.Port, new DropAfterBytes(byteLimit: 1024 * 1024));
        var config = Config();
        config["port"] = proxy.Port;
        await using var feed = new StreamingDeliveryFeed(Job(false, config)) { FileName = "products.csv" };

        var delivering = _harness.Get("sftp").DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await FeedAsync(feed, content, 0, content.Length); // never finished: only the dropped connection can end the delivery

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => delivering.WaitAsync(Bound));
        Assert.True(proxy.DroppedConnections > 0, error.Message);
        Assert.Empty(await server.ListHomeFolderAsync(_folder));
    }

    [Fact]
    public async Task PublishCheckFailsWithoutACancel_BothPaths_DeleteTheTemporaryFile()
    {
        // The ownership check can fail with the store's own error (not a cancel): the temporary file used to stay behind.
        using var file = await ExportFile.CreateAsync(300_000);
        var whole = DestinationHarness.Delivery(file, "sftp", Config());
        var failing = new ExportDelivery(file.Path)
        {
            Job = whole.Job,
            RunId = whole.RunId,
            IdempotencyKey = whole.IdempotencyKey,
            FileName = whole.FileName,
            ContentType = whole.ContentType,
            Length = whole.Length,
            Sha256 = whole.Sha256,
            PublishGate = _ => throw new IOException("The store could not be reached to check the run's lease."),
        };
        await Assert.ThrowsAsync<IOException>(() => _harness.Get("sftp").DeliverAsync(failing, CancellationToken.None));
        Assert.Empty(await server.ListHomeFolderAsync(_folder));

        await using var feed = new StreamingDeliveryFeed(Job(false), new DeliveryHooks(null, _ => throw new IOException("The store could not be reached."))) { FileName = "products.csv" };
        var delivering = _harness.Get("sftp").DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
        await feed.WriteAsync(Content(100_000, gzip: false));
        await feed.CompleteAsync();
        await Assert.ThrowsAsync<IOException>(() => delivering.WaitAsync(Bound));
        Assert.Empty(await server.ListHomeFolderAsync(_folder));
    }

    [Fact]
    public async Task StagedPublishWhoseRenameFails_DeletesTheTemporaryFileOnce_WithoutAFalseWarning()
    {
        using var file = await ExportFile.CreateAsync(100_000);
        var delivery = DestinationHarness.Delivery(file, "sftp", Config(), fileName: "part-1.csv");
        var destination = _harness.Get("sftp");
        var staging = await destination.BeginStagingAsync(delivery.Job, delivery.RunId, CancellationToken.None);
        Assert.NotNull(staging);
        await using (staging)
        {
            var staged = await staging.StageAsync(delivery, CancellationToken.None);
            using (var client = server.CreateClient())
            {
                // A folder where the file should go: the rename cannot replace it.
                await client.ConnectAsync(CancellationToken.None);
                await client.CreateDirectoryAsync($"{SshdServer.Home}/{_folder}/part-1.csv");
            }

            await Assert.ThrowsAsync<ExportDeliveryException>(() => staged.PublishAsync(CancellationToken.None));
            await staged.DiscardAsync(CancellationToken.None); // what the library does with a file whose publish failed
        }

        Assert.Equal(["part-1.csv"], await server.ListHomeFolderAsync(_folder));
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Contains("Could not delete", StringComparison.Ordinal));
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([server.Password]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config() => server.DestinationConfig(_folder);

    private ExportJob Job(bool gzip, JsonObject? config = null) => new("job-1", new ExportJobDefinition
    {
        Name = "Products",
        DestinationType = "sftp",
        DestinationConfig = config ?? Config(),
        Format = "csv",
        Schedule = "0 3 * * *",
        Compress = gzip,
    });

    /// <summary>A feed for products.csv whose <c>readSome</c> completes once the destination read <paramref name="after"/> bytes.</summary>
    private (StreamingDeliveryFeed Feed, TaskCompletionSource ReadSome) Feed(long after)
    {
        var readSome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long read = 0;
        var feed = new StreamingDeliveryFeed(Job(false), new DeliveryHooks(
            count =>
            {
                if (Interlocked.Add(ref read, count) >= after)
                {
                    readSome.TrySetResult();
                }
            },
            null))
        { FileName = "products.csv" };
        return (feed, readSome);
    }

    /// <summary>csv text of about <paramref name="size"/> bytes (gzipped when asked; random enough not to shrink to nothing).</summary>
    private static byte[] Content(int size, bool gzip)
    {
        var random = new Random(size);
        var text = new StringBuilder("sku,name,description\n");
        for (var i = 0; text.Length < size; i++)
        {
            text.Append("SKU-").Append(i).Append(",Product ").Append(i).Append(',').Append(Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (!gzip)
        {
            return bytes;
        }

        using var output = new MemoryStream();
        using (var compressor = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }

    private static async Task FeedAsync(StreamingDeliveryFeed feed, byte[] content, int from, int to)
    {
        for (var at = from; at < to; at += 64 * 1024)
        {
            await feed.WriteAsync(content.AsMemory(at, Math.Min(64 * 1024, to - at)));
        }
    }

    private async Task<byte[]> DownloadAsync(string remote)
    {
        using var client = server.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        await using var stream = client.OpenRead(remote);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
