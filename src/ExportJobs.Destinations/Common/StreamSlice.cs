namespace ExportJobs.Destinations.Common;

/// <summary>A read-only, seekable window of <c>length</c> bytes of another seekable stream, starting at <c>offset</c>.</summary>
/// <remarks>Lets one part or block of the spool file be uploaded (and re-read by an SDK for checksums or retries) without buffering it.</remarks>
internal sealed class StreamSlice : ReadOnlyWindowStream
{
    private readonly Stream _inner;
    private readonly long _offset;

    public StreamSlice(Stream inner, long offset, long length)
        : base(length)
    {
        _inner = inner;
        _offset = offset;
        _inner.Seek(offset, SeekOrigin.Begin);
    }

    protected override int ReadAt(Span<byte> buffer) => _inner.Read(buffer);

    protected override ValueTask<int> ReadAtAsync(Memory<byte> buffer, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, cancellationToken);

    protected override void MoveTo(long position) => _inner.Seek(_offset + position, SeekOrigin.Begin);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
