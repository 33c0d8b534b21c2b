using System.Threading.Channels;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Core.Tests.Support;

/// <summary>The library's spool stream (<see cref="ChunkingStream"/>) with small chunks, collecting every chunk it hands on.</summary>
internal sealed class ChunkCollector
{
    private readonly Channel<SpoolChunk> _channel = Channel.CreateUnbounded<SpoolChunk>();

    public ChunkCollector(int chunkSize) => Stream = new ChunkingStream(_channel.Writer, chunkSize);

    public ChunkingStream Stream { get; }

    /// <summary>Hands the last chunk on and returns every byte written, in order.</summary>
    public async Task<byte[]> CompleteAsync()
    {
        await Stream.CompleteAsync(CancellationToken.None);
        _channel.Writer.Complete();
        using var all = new MemoryStream();
        await foreach (var chunk in _channel.Reader.ReadAllAsync())
        {
            all.Write(chunk.Buffer, 0, chunk.Length);
            chunk.Return();
        }

        return all.ToArray();
    }
}
