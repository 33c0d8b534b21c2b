using System.Security.Cryptography;
using ExportJobs.Testing;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Core.Tests.Extensibility;

/// <summary>
/// The windows a multipart upload reads (<see cref="ExportDeliveryContext.OpenWindow"/>), of a finished file
/// (<see cref="ExportDelivery"/>) and of a file still being written (<see cref="ExportStreamingDelivery"/>): exactly
/// their bytes, rewindable for an SDK's hash-then-send and its retries (also while an abandoned attempt's read is in
/// flight), read-only, counted once for progress.
/// </summary>
public sealed class ExportFileWindowTests : IAsyncLifetime, IAsyncDisposable
{
    private const int Offset = 70_000;
    private const int WindowLength = 200_000;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(300_000);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exportjobs-window-{Guid.NewGuid():N}");
    private StreamingDeliveryFeed? _feed;
    private long _told;

    public static TheoryData<string> Kinds => ["finished", "written"];

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(_path, _content);
        _feed = new StreamingDeliveryFeed(TestDeliveries.Job(), new DeliveryHooks(count => Interlocked.Add(ref _told, count), null));
        await _feed.WriteAsync(_content);
    }

    public async Task DisposeAsync()
    {
        await _feed!.DisposeAsync();
        File.Delete(_path);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Read_ReturnsExactlyTheWindow_ThenZero(string kind)
    {
        await using var window = Open(kind);

        Assert.Equal(WindowLength, window.Length);
        var read = await ReadToEndAsync(window);
        Assert.Equal(_content.AsSpan(Offset, WindowLength).ToArray(), read);
        Assert.Equal(WindowLength, window.Position);
        Assert.Equal(0, await window.ReadAsync(new byte[10]));
        Assert.Equal(0, window.Read(new byte[10], 0, 10));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Rewound_AfterHashing_ReadsTheSameBytesAgain_AndCountsThemOnce(string kind)
    {
        await using var window = Open(kind);
        var first = SHA256.HashData(await ReadToEndAsync(window));

        Assert.Equal(0, window.Seek(0, SeekOrigin.Begin));
        Assert.Equal(first, SHA256.HashData(await ReadToEndAsync(window)));
        window.Position = 1000;
        var sync = new byte[500];
        Assert.Equal(500, window.Read(sync, 0, sync.Length));
        Assert.Equal(_content.AsSpan(Offset + 1000, 500).ToArray(), sync);
        Assert.Equal(WindowLength, Interlocked.Read(ref _told));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Seek_IsClampedToTheWindow(string kind)
    {
        await using var window = Open(kind);

        Assert.Equal(WindowLength - 10, window.Seek(-10, SeekOrigin.End));
        Assert.Equal(_content.AsSpan(Offset + WindowLength - 10, 10).ToArray(), await ReadToEndAsync(window));
        Assert.Equal(WindowLength, window.Seek(5_000_000, SeekOrigin.Begin));
        Assert.Equal(0, await window.ReadAsync(new byte[10]));
        Assert.Equal(WindowLength - 1, window.Seek(-1, SeekOrigin.Current));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Seek(-1, SeekOrigin.Begin));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Window_IsReadOnly(string kind)
    {
        await using var window = Open(kind);

        Assert.True(window.CanRead);
        Assert.True(window.CanSeek);
        Assert.False(window.CanWrite);
        Assert.Throws<NotSupportedException>(() => window.Write(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => window.SetLength(1));
        window.Flush();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RewoundWhileAReadIsInFlight_TheLateReadDoesNotMoveThePositionTheRewindSet(string kind)
    {
        // An SDK retrying a part rewinds the window while the failed attempt's request body may still be reading it.
        await using var window = Open(kind);
        var inner = Assert.IsType<ExportFileWindow>(window);
        var buffer = new byte[50_000];
        await window.ReadExactlyAsync(buffer);                       // the first attempt got 50,000 bytes in
        var rewound = false;
        inner.AfterRead = () =>
        {
            if (!rewound)
            {
                rewound = true;
                window.Seek(0, SeekOrigin.Begin);                     // the retry rewinds under the late read
            }
        };

        var late = new byte[10_000];
        Assert.Equal(10_000, await window.ReadAsync(late));
        Assert.Equal(_content.AsSpan(Offset + 50_000, 10_000).ToArray(), late);   // the late read got its own bytes
        Assert.Equal(0, window.Position);                                            // but the position is the rewind's

        Assert.Equal(_content.AsSpan(Offset, WindowLength).ToArray(), await ReadToEndAsync(window));
    }

    [Fact]
    public async Task ExportDelivery_WindowPastTheFile_IsRefused()
    {
        var delivery = WholeFile();

        Assert.Throws<ArgumentOutOfRangeException>(() => delivery.OpenWindow(_content.Length - 10, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => delivery.OpenWindow(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => delivery.OpenWindow(long.MaxValue, 1));   // offset + length wraps
        Assert.Throws<ArgumentOutOfRangeException>(() => delivery.OpenWindow(10, long.MaxValue));
        await using var empty = delivery.OpenWindow(_content.Length, 0);
        Assert.Equal(0, await empty.ReadAsync(new byte[10]));
    }

    [Fact]
    public void StreamingDelivery_WindowPastWhatIsWritten_IsRefusedWithTheWaitToUse()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _feed!.Delivery.OpenWindow(_content.Length - 10, 20));

        Assert.Contains($"WaitForLengthAsync({_content.Length + 10})", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => _feed!.Delivery.OpenWindow(long.MaxValue, 1));
    }

    [Fact]
    public async Task StreamingDelivery_ExportFailed_ReadsOfAnOpenWindowThrowAborted_AndNoNewWindowOpens()
    {
        var window = _feed!.Delivery.OpenWindow(0, 1000);
        await using (window)
        {
            Assert.Equal(100, await window.ReadAsync(new byte[100]));

            _feed.Fail(new InvalidOperationException("the record source failed (test)"));

            await Assert.ThrowsAsync<ExportStreamAbortedException>(async () => await window.ReadAtLeastAsync(new byte[100], 1));
            Assert.Throws<ExportStreamAbortedException>(() => window.Read(new byte[100], 0, 100));
        }

        Assert.Throws<ExportStreamAbortedException>(() => _feed.Delivery.OpenWindow(0, 10));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadAsync_WithACancelledToken_Throws_EvenWithBytesToRead(string kind)
    {
        await using var window = Open(kind);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await window.ReadAtLeastAsync(new byte[10], 1, cancellationToken: cancelled.Token));
        Assert.Equal(0, window.Position);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Disposed_RefusesReadsAndSeeks(string kind)
    {
        var window = Open(kind);
        await window.DisposeAsync();

        Assert.False(window.CanRead);
        Assert.Throws<ObjectDisposedException>(() => window.Read(new byte[10], 0, 10));
        Assert.Throws<ObjectDisposedException>(() => window.Seek(0, SeekOrigin.Begin));
    }

    private Stream Open(string kind) => kind == "finished"
        ? WholeFile().OpenWindow(Offset, WindowLength)
        : _feed!.Delivery.OpenWindow(Offset, WindowLength);

    private ExportDelivery WholeFile() => TestDeliveries.OfFile(_path, _content, bytesRead: count => Interlocked.Add(ref _told, count));

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[7_000];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
