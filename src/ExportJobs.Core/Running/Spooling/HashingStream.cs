using System.Security.Cryptography;

namespace ExportJobs.Running.Spooling;

/// <summary>Passes writes on to the file while counting them and feeding them to a hash.</summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash) : WriteOnlyStream
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
