using System.Buffers;

namespace ExportJobs.Running.Spooling;

/// <summary>A pooled buffer of serialized bytes on its way from the serializing stage to the file stage.</summary>
internal sealed class SpoolChunk(int size)
{
    public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(size);

    public int Length { get; set; }

    public int Free => Buffer.Length - Length;

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
