using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Webhook;

/// <summary>
/// The request body of one webhook attempt, read from the spool file: right before its last bytes are handed to the
/// connection it calls <see cref="ExportDeliveryContext.BeforePublishAsync"/>, the run's point of no return.
/// </summary>
/// <remarks>
/// A webhook delivery is complete, and only then published, when the receiver has the whole body: the body's length is
/// announced in <c>Content-Length</c> and the signature covers all of it, so a request cut short is no delivery. Checking
/// ownership and cancellation before the last bytes (not before the first) lets a cancel stop a body already on its
/// way, and still keeps a host that lost the run from completing a request.
/// </remarks>
internal sealed class WebhookBodyStream(Stream inner, long length, ExportDelivery delivery, CancellationToken runToken) : Stream
{
    private long _position;
    private bool _passed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _position += read;
        if (!_passed && (_position >= length || read == 0))
        {
            await delivery.BeforePublishAsync(runToken).ConfigureAwait(false);
            _passed = true;
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The webhook body is read asynchronously.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
