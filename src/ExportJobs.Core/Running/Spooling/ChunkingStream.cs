using System.Buffers;
using System.Threading.Channels;

namespace ExportJobs.Running.Spooling;

/// <summary>
/// The write-only stream format writers write to. It copies bytes into pooled chunks and hands every full chunk to a
/// bounded channel, which the file stage drains on another thread (compressing, hashing and writing the file).
/// </summary>
/// <remarks>
/// <para>
/// It is also an <see cref="IBufferWriter{T}"/> of its chunks, so a writer that serializes into spans (the json and
/// jsonl writers' <see cref="System.Text.Json.Utf8JsonWriter"/>) writes straight into the chunk instead of into a
/// buffer of its own that is then copied here. A request that does not fit in what is left of the current chunk hands
/// the chunk on as it is and continues in a new one.
/// </para>
/// <para>
/// Asynchronous writes wait for room in the channel. Synchronous writes (XmlWriter, CsvHelper's sync paths) never block:
/// a full chunk that finds the channel full waits in <see cref="_pending"/> until the runner calls
/// <see cref="RelieveAsync"/> after the record, so memory stays bounded by the channel plus about one record.
/// </para>
/// </remarks>
internal sealed class ChunkingStream(ChannelWriter<SpoolChunk> channel, int chunkSize) : WriteOnlyStream, IBufferWriter<byte>
{
    private readonly Queue<SpoolChunk> _pending = new();
    private SpoolChunk _current = new(chunkSize);

    public bool HasPending => _pending.Count > 0;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        BytesWritten += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _current.Free);
            buffer[..n].CopyTo(_current.Buffer.AsSpan(_current.Length));
            _current.Length += n;
            buffer = buffer[n..];
            if (_current.Free == 0)
            {
                HandOn(chunkSize);
            }
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _current.Buffer.AsMemory(_current.Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _current.Buffer.AsSpan(_current.Length);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Free);
        _current.Length += count;
        BytesWritten += count;
    }

    private void EnsureFree(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Free < needed)
        {
            HandOn(Math.Max(chunkSize, needed));
        }
    }

    /// <summary>Hands the current chunk on (or queues it when the channel is full) and starts a new one.</summary>
    private void HandOn(int nextSize)
    {
        var full = _current;
        _current = new SpoolChunk(nextSize);
        if (full.Length == 0)
        {
            full.Return();
        }
        else if (_pending.Count > 0 || !channel.TryWrite(full))
        {
            _pending.Enqueue(full);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        await RelieveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands waiting full chunks to the file stage, waiting for room.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async ValueTask RelieveAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count > 0)
        {
            await channel.WriteAsync(_pending.Peek(), cancellationToken).ConfigureAwait(false);
            _pending.Dequeue();
        }
    }

    /// <summary>Hands everything written so far, including the partial chunk, to the file stage.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await RelieveAsync(cancellationToken).ConfigureAwait(false);
        if (_current.Length > 0)
        {
            await channel.WriteAsync(_current, cancellationToken).ConfigureAwait(false);
            _current = new SpoolChunk(0);
        }
    }

    /// <summary>Hands everything written so far, including the partial chunk, to the file stage, and goes on writing.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async ValueTask HandOnAsync(CancellationToken cancellationToken)
    {
        await RelieveAsync(cancellationToken).ConfigureAwait(false);
        if (_current.Length > 0)
        {
            var partial = _current;
            _current = new SpoolChunk(chunkSize);
            await channel.WriteAsync(partial, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns chunks that never reached the file stage to the pool (after a failure).</summary>
    public void ReleaseUnsent()
    {
        while (_pending.TryDequeue(out var chunk))
        {
            chunk.Return();
        }

        _current.Return();
        _current = new SpoolChunk(0);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => RelieveAsync(cancellationToken).AsTask();
}
