using System.Buffers;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Running.Parts;

/// <summary>
/// Between a format writer and the spool pipeline of a job split by size: passes writes on, except while
/// <see cref="Hold"/> is on, when it keeps them so that the runner can see how large a record is before it decides
/// whether the record still fits in the part (<see cref="ReleaseAsync"/>) or starts the next one (<see cref="Discard"/>).
/// </summary>
internal sealed class RecordGate(Stream inner) : WriteOnlyStream
{
    private readonly ArrayBufferWriter<byte> _held = new(4096);
    private bool _holding;

    /// <summary>Bytes held back since <see cref="Hold"/>.</summary>
    public int HeldLength => _held.WrittenCount;

    /// <summary>Starts keeping writes back.</summary>
    public void Hold()
    {
        _held.ResetWrittenCount();
        _holding = true;
    }

    /// <summary>Passes the held bytes on and stops holding.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        _holding = false;
        await inner.WriteAsync(_held.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _held.ResetWrittenCount();
    }

    /// <summary>Drops the held bytes (the record goes to the next part) and stops holding.</summary>
    public void Discard()
    {
        _holding = false;
        _held.ResetWrittenCount();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        BytesWritten += buffer.Length;
        if (_holding)
        {
            _held.Write(buffer);
        }
        else
        {
            inner.Write(buffer);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_holding)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        BytesWritten += buffer.Length;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        if (!_holding)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _holding ? Task.CompletedTask : inner.FlushAsync(cancellationToken);
}
