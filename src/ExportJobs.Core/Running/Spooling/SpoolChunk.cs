using System.Buffers;

namespace ExportJobs.Running.Spooling;

/// <summary>A pooled buffer of serialized bytes on its way from the serializing stage to the file stage.</summary>
internal sealed class SpoolChunk(int size)
{
    private SpoolChunk(TaskCompletionSource<long> flushed)
        : this(0)
    {
        Flushed = flushed;
    }

    public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(size);

    /// <summary>
    /// Set on a marker without data: the file stage flushes the compressor (a sync flush) and completes it with the
    /// file's exact size so far.
    /// </summary>
    public TaskCompletionSource<long>? Flushed { get; }

    /// <summary>A marker that asks the file stage for the file's exact size after flushing the compressor.</summary>
    public static SpoolChunk FlushMarker() => new(new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    public int Length { get; set; }

    public int Free => Buffer.Length - Length;

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
