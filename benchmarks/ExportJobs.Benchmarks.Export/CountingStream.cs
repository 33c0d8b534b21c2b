namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The raw side's output for the zip and Parquet writers: discards what it is given like <see cref="Stream.Null"/>,
/// but forward-only and counting its position, as the library's spool output is (Parquet.Net reads the position).
/// </summary>
internal sealed class CountingStream : Stream
{
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => _position += count;

    public override void Write(ReadOnlySpan<byte> buffer) => _position += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _position += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _position += count;
        return Task.CompletedTask;
    }
}
