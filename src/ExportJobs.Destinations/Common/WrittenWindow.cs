using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Common;

/// <summary>
/// A seekable, read-only window of <c>length</c> bytes at <c>offset</c> of a file still being written
/// (<see cref="ExportStreamingDelivery"/>), over bytes the writer has already written: an SDK can read it, rewind it
/// to compute a checksum or retry, and read it again. Nothing is buffered here: a seek drops the stream under it and
/// the next read opens a new one at the new position (<see cref="ExportStreamingDelivery.OpenRead"/>).
/// </summary>
/// <remarks>
/// Open it only once the window is written (<see cref="ExportStreamingDelivery.WaitForLengthAsync"/>): reads never wait
/// then, and the stream's <see cref="Length"/> is exact. A read throws <see cref="ExportStreamAbortedException"/> once
/// the export failed, which stops an upload in flight.
/// </remarks>
internal sealed class WrittenWindow : Stream
{
    private readonly ExportStreamingDelivery _delivery;
    private readonly long _offset;
    private readonly long _length;
    private Stream? _inner;
    private long _position;

    public WrittenWindow(ExportStreamingDelivery delivery, long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _delivery = delivery;
        _offset = offset;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        _inner ??= _delivery.OpenRead(_offset + _position);
        var read = await _inner.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"The export file ended at {_offset + _position} bytes, inside a window that was written up to {_offset + _length}.");
        }

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        target = Math.Min(target, _length);
        if (target != _position)
        {
            _inner?.Dispose();
            _inner = null;
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
            _inner = null;
        }

        base.Dispose(disposing);
    }
}
