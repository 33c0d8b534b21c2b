using Microsoft.Win32.SafeHandles;

namespace ExportJobs.Extensibility;

/// <summary>
/// A read-only, forward-only stream over a file that is still being written (<see cref="ExportFileTail"/>): a read that
/// caught up with the writer waits until it is woken by more bytes, returns 0 at the end of the finished file, and
/// throws <see cref="ExportStreamAbortedException"/> once the export failed.
/// </summary>
/// <remarks>
/// Reads go straight to the file at this stream's own position (<see cref="RandomAccess"/>), so any number of these
/// streams read the same file independently, and no bytes are held here beyond the caller's buffer. The file is opened
/// at the first read that has bytes to read (the writer may not have created it yet when the stream is opened).
/// </remarks>
internal sealed class ExportFileTailStream : Stream
{
    private readonly ExportFileTail _tail;
    private readonly ReadCoverage? _reads;
    private SafeFileHandle? _file;
    private long _position;
    private bool _disposed;

    public ExportFileTailStream(ExportFileTail tail, long offset, ReadCoverage? reads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _tail = tail;
        _position = offset;
        _reads = reads;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The file is still being written; its length is known once ExportStreamingDelivery.WaitForCompletionAsync returned.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("Open another stream at the offset instead (ExportStreamingDelivery.OpenRead).");
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);     // also when bytes are there to read
        }

        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        var waiting = _tail.WaitForLengthAsync(_position + 1, cancellationToken);
        return waiting.IsCompletedSuccessfully ? ValueTask.FromResult(ReadWritten(buffer.Span, waiting.Result)) : ReadAfterWaitingAsync(buffer, waiting);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Blocks the calling thread while it waits for the writer; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var waiting = _tail.WaitForLengthAsync(_position + 1, CancellationToken.None);
        return ReadWritten(buffer, waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult());
    }

    public override void Flush()
    {
    }

    private async ValueTask<int> ReadAfterWaitingAsync(Memory<byte> buffer, ValueTask<long> waiting)
    {
        var available = await waiting.ConfigureAwait(false);
        return ReadWritten(buffer.Span, available);
    }

    /// <summary>
    /// Reads bytes the writer has already written, with one synchronous positional read: they were written moments ago
    /// and come from the OS's page cache. (An asynchronous file read is a thread-pool work item on Linux; on a busy
    /// machine every one waited in the queue behind the export's own work, and an upload made of thousands of small
    /// reads fell seconds behind the writer.)
    /// </summary>
    private int ReadWritten(Span<byte> buffer, long available)
    {
        if (available <= _position)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, available - _position);
        _file ??= File.OpenHandle(_tail.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var read = RandomAccess.Read(_file, buffer[..count], _position);
        if (read == 0)
        {
            throw new IOException($"The spool file ended at {_position} bytes where {available} were written.");
        }

        _reads?.Report(_position, read);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Open another stream at the offset instead (ExportStreamingDelivery.OpenRead).");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _file?.Dispose();
        }

        base.Dispose(disposing);
    }
}
