using System.Buffers;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A write-only stream that is also an <see cref="IBufferWriter{T}"/> (as the library's spool stream is), handing out
/// small separate segments so that a writer using it crosses many segment boundaries; collects what is committed.
/// </summary>
internal sealed class SegmentedBufferStream(int segmentSize) : Stream, IBufferWriter<byte>
{
    private readonly MemoryStream _committed = new();
    private byte[] _segment = [];

    /// <summary>How many segments were handed out.</summary>
    public int Segments { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _committed.Length;

    public override long Position
    {
        get => _committed.Length;
        set => throw new NotSupportedException();
    }

    public byte[] ToArray() => _committed.ToArray();

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // A new segment every time, just big enough: a writer that kept using an old one would lose its bytes.
        _segment = new byte[Math.Max(sizeHint, segmentSize)];
        Segments++;
        return _segment;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _segment.Length);
        _committed.Write(_segment, 0, count);
        _segment = [];
    }

    public override void Write(byte[] buffer, int offset, int count) => _committed.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
