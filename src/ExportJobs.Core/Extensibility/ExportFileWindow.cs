using Microsoft.Win32.SafeHandles;

namespace ExportJobs.Extensibility;

/// <summary>
/// A read-only, seekable window of exactly <see cref="Length"/> bytes of the export file, for one upload request (a
/// whole PutObject, a part, a block): an SDK reads it, rewinds it to hash it or to resend it on a retry, and reads it
/// again (<see cref="ExportDeliveryContext.OpenWindow"/>).
/// </summary>
/// <remarks>
/// <para>
/// Every read goes straight to the file at the window's position (<see cref="RandomAccess"/>): nothing is buffered here
/// and no file position is shared, so windows read in parallel, and a rewind cannot meet a read still in flight. An
/// SDK rewinds for a retry while the abandoned attempt's request body may still be reading (HTTP clients finish
/// sending the content of a failed request on their own schedule); a read already under way when the window is
/// rewound returns its bytes to that caller but does not move the position the seek set. (A read the abandoned
/// attempt starts after the seek shares the window's position like on any stream; the retry's request then fails
/// its length or checksum check instead of storing other bytes.)
/// </para>
/// <para>
/// Reads are synchronous, also through <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>: the bytes were written
/// moments ago and come from the OS's page cache, and an asynchronous file read is a thread-pool work item on Linux,
/// which on a busy host waited in the queue behind the export for each of an upload's thousands of small reads.
/// </para>
/// </remarks>
internal sealed class ExportFileWindow : Stream
{
    private readonly SafeFileHandle? _file;
    private readonly long _offset;
    private readonly long _length;
    private readonly ReadCoverage? _reads;
    private readonly ExportFileTail? _tail;
    private readonly Lock _gate = new();
    private long _position;
    private long _seeks;
    private bool _disposed;

    /// <summary>Opens the window.</summary>
    /// <param name="path">The export (spool) file.</param>
    /// <param name="offset">Where the window starts in the file.</param>
    /// <param name="length">Its length; every byte of it is in the file already.</param>
    /// <param name="reads">Told of every read, for the run's progress.</param>
    /// <param name="tail">For a file still being written: reads throw <see cref="ExportStreamAbortedException"/> once the export failed.</param>
    public ExportFileWindow(string path, long offset, long length, ReadCoverage? reads, ExportFileTail? tail = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _file = length == 0 ? null : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _offset = offset;
        _length = length;
        _reads = reads;
        _tail = tail;
    }

    /// <summary>Called after a read got its bytes and before it moves the position (a test seam: a rewind in between).</summary>
    internal Action? AfterRead { get; set; }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _tail?.ThrowIfFailed();
        long at;
        long seeks;
        lock (_gate)
        {
            at = _position;
            seeks = _seeks;
        }

        var count = (int)Math.Min(buffer.Length, _length - at);
        if (count <= 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(_file!, buffer[..count], _offset + at);
        if (read == 0)
        {
            throw new IOException($"The export file ended at {_offset + at} bytes, inside a window up to {_offset + _length}.");
        }

        _reads?.Report(_offset + at, read);
        AfterRead?.Invoke();
        lock (_gate)
        {
            if (_seeks == seeks)
            {
                _position = at + read;
            }
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                SeekOrigin.End => _length + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            _position = Math.Min(target, _length);
            _seeks++;
            return _position;
        }
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A window of the export file is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A window of the export file is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;

            // A read still in flight holds its own reference to the handle: the file closes when it returns.
            _file?.Dispose();
        }

        base.Dispose(disposing);
    }
}
