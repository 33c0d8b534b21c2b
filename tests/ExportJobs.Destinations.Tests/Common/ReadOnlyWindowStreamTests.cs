using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Destinations.Tests.Common;

/// <summary>
/// The two windows an s3 or azure-blob upload reads, over a finished file (<see cref="StreamSlice"/>) and over a file
/// still being written (<see cref="WrittenWindow"/>), behave as one kind of stream (<see cref="ReadOnlyWindowStream"/>):
/// exactly their bytes, rewindable for an SDK's hash-then-send, read-only.
/// </summary>
public sealed class ReadOnlyWindowStreamTests : IAsyncLifetime
{
    private const int Offset = 70_000;
    private const int WindowLength = 200_000;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(300_000);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exportjobs-window-{Guid.NewGuid():N}");
    private StreamingDeliveryFeed? _feed;

    public static TheoryData<string> Kinds => ["slice", "written"];

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(_path, _content);
        _feed = new StreamingDeliveryFeed("s3", new JsonObject());
        await _feed.WriteAsync(_content);
    }

    public async Task DisposeAsync()
    {
        await _feed!.DisposeAsync();
        File.Delete(_path);
    }

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
    public async Task Rewound_AfterHashing_ReadsTheSameBytesAgain(string kind)
    {
        await using var window = Open(kind);
        var first = SHA256.HashData(await ReadToEndAsync(window));

        Assert.Equal(0, window.Seek(0, SeekOrigin.Begin));
        Assert.Equal(first, SHA256.HashData(await ReadToEndAsync(window)));
        window.Position = 1000;
        var sync = new byte[500];
        Assert.Equal(500, window.Read(sync, 0, sync.Length));
        Assert.Equal(_content.AsSpan(Offset + 1000, 500).ToArray(), sync);
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

    private ReadOnlyWindowStream Open(string kind) => kind == "slice"
        ? new StreamSlice(File.OpenRead(_path), Offset, WindowLength)
        : new WrittenWindow(_feed!.Delivery, Offset, WindowLength);

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
