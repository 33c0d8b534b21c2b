using System.Threading.Channels;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Core.Tests.Running.Spooling;

public sealed class ChunkingStreamTests
{
    [Fact]
    public async Task BufferWriter_RequestsLargerThanWhatIsLeft_HandOnTheChunkAndKeepEveryByteInOrder()
    {
        var channel = Channel.CreateBounded<SpoolChunk>(1);
        var stream = new ChunkingStream(channel.Writer, chunkSize: 64);
        var expected = new List<byte>();

        Write(stream, expected, 40, fill: 1);    // chunk 1: 40 of 64
        Write(stream, expected, 30, fill: 2);    // 30 do not fit in the 24 left: chunk 1 goes on, chunk 2 takes them
        Write(stream, expected, 200, fill: 3);   // larger than a chunk: a chunk of its own, at least 200 bytes
        Assert.True(stream.HasPending, "The second chunk found the channel (capacity 1) full and should wait.");
        stream.Write([4, 4, 4]);                 // stream writes go on after the spans, into the same chunk
        expected.AddRange([4, 4, 4]);
        var read = Task.Run(async () =>
        {
            var bytes = new List<byte>();
            var sizes = new List<int>();
            await foreach (var chunk in channel.Reader.ReadAllAsync())
            {
                bytes.AddRange(chunk.Buffer.AsSpan(0, chunk.Length).ToArray());
                sizes.Add(chunk.Length);
                chunk.Return();
            }

            return (bytes, sizes);
        });
        await stream.CompleteAsync(CancellationToken.None);
        channel.Writer.Complete();

        var (actual, lengths) = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(expected, actual);
        Assert.Equal([40, 30, 203], lengths);
        Assert.Equal(expected.Count, stream.BytesWritten);
    }

    [Fact]
    public void Advance_PastTheSpanHandedOut_Throws()
    {
        var channel = Channel.CreateUnbounded<SpoolChunk>();
        var stream = new ChunkingStream(channel.Writer, chunkSize: 64);
        var length = stream.GetSpan(10).Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Advance(length + 1));
    }

    private static void Write(ChunkingStream stream, List<byte> expected, int count, byte fill)
    {
        var span = stream.GetSpan(count);
        Assert.True(span.Length >= count);
        span[..count].Fill(fill);
        stream.Advance(count);
        expected.AddRange(Enumerable.Repeat(fill, count));
    }
}
