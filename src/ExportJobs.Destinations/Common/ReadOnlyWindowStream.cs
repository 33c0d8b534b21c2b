namespace ExportJobs.Destinations.Common;

/// <summary>
/// A read-only, seekable window of exactly <see cref="Length"/> bytes of the export file, for one upload request (a
/// whole PutObject, a part, a block): an SDK can read it, rewind it to hash or retry, and read it again. This base holds
/// the stream boilerplate and the window's bounds (reads stop at its end, seeks are clamped to it); a derived class only
/// reads bytes at the current position and follows a seek.
/// </summary>
internal abstract class ReadOnlyWindowStream : Stream
{
    private readonly long _length;
    private long _position;

    protected ReadOnlyWindowStream(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
    }

    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => true;

    public sealed override bool CanWrite => false;

    public sealed override long Length => _length;

    public sealed override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        return wanted == 0 ? 0 : Advance(ReadAt(buffer[..wanted]));
    }

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        return wanted == 0 ? 0 : Advance(await ReadAtAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false));
    }

    public sealed override long Seek(long offset, SeekOrigin origin)
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
            MoveTo(target);
            _position = target;
        }

        return _position;
    }

    public sealed override void Flush()
    {
    }

    public sealed override void SetLength(long value) => throw new NotSupportedException("A window of the export file is read-only.");

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A window of the export file is read-only.");

    /// <summary>Reads up to <paramref name="buffer"/>'s length (never past the window) at <see cref="Position"/>.</summary>
    protected abstract int ReadAt(Span<byte> buffer);

    /// <summary>Reads up to <paramref name="buffer"/>'s length (never past the window) at <see cref="Position"/>.</summary>
    protected abstract ValueTask<int> ReadAtAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Follows a seek: the next read is at <paramref name="position"/> of the window (only called when it moves).</summary>
    protected abstract void MoveTo(long position);

    private int Wanted(int requested) => (int)Math.Min(requested, _length - _position);

    private int Advance(int read)
    {
        _position += read;
        return read;
    }
}
