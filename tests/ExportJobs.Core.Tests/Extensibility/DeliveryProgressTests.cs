using System.Security.Cryptography;
using ExportJobs.Testing;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Core.Tests.Extensibility;

/// <summary>
/// What a delivery tells the run's live progress (<c>BytesRead</c>): each byte of the file once, however often a
/// destination reads it (s3/azure-blob hash a part, then send it; a webhook signs the body, then sends it; retries).
/// </summary>
public sealed class DeliveryProgressTests : IDisposable
{
    private const int Size = 300_000;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(Size);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exportjobs-progress-{Guid.NewGuid():N}");
    private long _told;

    public DeliveryProgressTests() => File.WriteAllBytes(_path, _content);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task WholeFile_HashedThenSentThenRetried_EndsWithProgressN()
    {
        var delivery = WholeFile();

        await using (var body = delivery.OpenRead())
        {
            await ReadToEndAsync(body);           // hash
            body.Seek(0, SeekOrigin.Begin);
            await ReadToEndAsync(body);           // send
        }

        await using (var retry = delivery.OpenRead())
        {
            Assert.Equal(_content.Length, (await ReadToEndAsync(retry)).Length); // a retry reads it all again
        }

        Assert.Equal(Size, _told);
    }

    [Fact]
    public async Task WholeFile_PartsReadTwiceEach_CountOnce_AndProgressGrowsPartByPart()
    {
        var delivery = WholeFile();

        await using var file = delivery.OpenRead();
        await ReadWindowAsync(file, 0, 100_000);
        await ReadWindowAsync(file, 0, 100_000);
        Assert.Equal(100_000, _told); // one part of three: a third, not two
        await ReadWindowAsync(file, 200_000, 100_000); // parts in flight out of order
        await ReadWindowAsync(file, 100_000, 100_000);
        await ReadWindowAsync(file, 50_000, 200_000);

        Assert.Equal(Size, _told);
    }

    [Fact]
    public async Task Streamed_WindowsReadTwice_AndOverlapping_EndsWithProgressN()
    {
        await using var feed = new StreamingDeliveryFeed(TestDeliveries.Job(), new DeliveryHooks(count => Interlocked.Add(ref _told, count), null));
        await feed.WriteAsync(_content);
        await feed.CompleteAsync();

        foreach (var (offset, length) in new[] { (0, 120_000), (0, 120_000), (120_000, 180_000), (100_000, 50_000), (120_000, 180_000) })
        {
            await using var window = feed.Delivery.OpenRead(offset);
            var buffer = new byte[length];
            await window.ReadExactlyAsync(buffer);
            Assert.Equal(_content.AsSpan(offset, length).ToArray(), buffer);
        }

        Assert.Equal(Size, _told);
    }

    [Fact]
    public async Task ReadRefusedByTheProgressSink_IsToldAgainWhenRetried()
    {
        // The testing kit fails reads through this sink ("every read past the middle fails, so retries fail too").
        var refused = 0;
        var delivery = WholeFile(count =>
        {
            if (_told + count > Size / 2)
            {
                refused++;
                throw new IOException("The spool file could not be read (test).");
            }

            _told += count;
        });

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var body = delivery.OpenRead();
            await Assert.ThrowsAsync<IOException>(() => ReadToEndAsync(body));
        }

        Assert.Equal(2, refused);
        Assert.True(_told <= Size / 2);
    }

    private ExportDelivery WholeFile(Action<int>? sink = null) =>
        TestDeliveries.OfFile(_path, _content, bytesRead: sink ?? (count => Interlocked.Add(ref _told, count)));

    private static async Task ReadWindowAsync(Stream file, long offset, int length)
    {
        file.Seek(offset, SeekOrigin.Begin);
        await file.ReadExactlyAsync(new byte[length]);
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 16 * 1024);
        return copy.ToArray();
    }
}
