namespace ExportJobs.Testing.Formats;

/// <summary>
/// The output a conformance export writes to: write-only and not seekable while written (as the library's spool
/// pipeline; its async calls honour their token as a file's do), counting the bytes it got, keeping them only when asked to, and remembering whether it was closed.
/// </summary>
internal sealed class ProbeStream(bool keep) : Stream
{
    private readonly MemoryStream _bytes = new();
    private long _length;
    private bool _reading;

    public bool Disposed { get; private set; }

    public override bool CanRead => _reading;

    public override bool CanSeek => _reading;

    public override bool CanWrite => !_reading && !Disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _reading ? _bytes.Position : _length;
        set
        {
            if (!keep)
            {
                throw new NotSupportedException();
            }

            _reading = true;
            _bytes.Position = value;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (_reading)
        {
            throw new NotSupportedException("The output is being read back.");
        }

        if (keep)
        {
            _bytes.Write(buffer);
        }

        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => _reading ? _bytes.Read(buffer, offset, count) : throw new NotSupportedException();

    public override int Read(Span<byte> buffer) => _reading ? _bytes.Read(buffer) : throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => _reading ? _bytes.Seek(offset, origin) : throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_reading)
        {
            Disposed = true;
        }

        if (disposing && _reading)
        {
            _bytes.Dispose();
        }

        base.Dispose(disposing);
    }
}
