using System.Buffers;
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
/// then, and the stream's <see cref="Stream.Length"/> is exact. A read throws <see cref="ExportStreamAbortedException"/> once
/// the export failed, which stops an upload in flight.
/// </remarks>
internal sealed class WrittenWindow : ReadOnlyWindowStream
{
    private readonly ExportStreamingDelivery _delivery;
    private readonly long _offset;
    private Stream? _inner;

    public WrittenWindow(ExportStreamingDelivery delivery, long offset, long length)
        : base(length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _delivery = delivery;
        _offset = offset;
    }

    /// <summary>Blocks its thread until the read completes (the bytes are written already, so it does not wait for the writer).</summary>
    protected override int ReadAt(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = ReadAtAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    protected override async ValueTask<int> ReadAtAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _inner ??= _delivery.OpenRead(_offset + Position);
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"The export file ended at {_offset + Position} bytes, inside a window that was written up to {_offset + Length}.");
        }

        return read;
    }

    protected override void MoveTo(long position)
    {
        _inner?.Dispose();
        _inner = null;
    }

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
