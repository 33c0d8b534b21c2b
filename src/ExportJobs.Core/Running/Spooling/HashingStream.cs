using System.Security.Cryptography;

namespace ExportJobs.Running.Spooling;

/// <summary>
/// Passes writes on to the file while counting them and feeding them to a hash; after each write is in the file, tells
/// <paramref name="written"/> the file's size (the spool tail that streaming deliveries read behind).
/// </summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash, Action<long>? written = null) : WriteOnlyStream
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        inner.Write(buffer);
        written?.Invoke(BytesWritten);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
        return written is null ? inner.WriteAsync(buffer, cancellationToken) : WriteAndPublishAsync(buffer, written, cancellationToken);
    }

    private async ValueTask WriteAndPublishAsync(ReadOnlyMemory<byte> buffer, Action<long> publish, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        publish(BytesWritten);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
