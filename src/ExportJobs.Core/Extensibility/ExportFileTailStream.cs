using System.Buffers;
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
    private readonly Action<int>? _bytesRead;
    private SafeFileHandle? _file;
    private long _position;
    private bool _disposed;

    public ExportFileTailStream(ExportFileTail tail, long offset, Action<int>? bytesRead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _tail = tail;
        _position = offset;
        _bytesRead = bytesRead;
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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var available = await _tail.WaitForLengthAsync(_position + 1, cancellationToken).ConfigureAwait(false);
        if (available <= _position)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, available - _position);
        _file ??= File.OpenHandle(_tail.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        var read = await RandomAccess.ReadAsync(_file, buffer[..count], _position, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"The spool file ended at {_position} bytes where {available} were written.");
        }

        _position += read;
        _bytesRead?.Invoke(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Blocks the calling thread while it waits for the writer; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush()
    {
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
