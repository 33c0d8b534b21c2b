using ExportJobs.Testing.Destinations;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>Feeds a <see cref="StreamingDeliveryFeed"/> from a spool file, as a run writing it would.</summary>
public static class Feeding
{
    private const int Chunk = 256 * 1024;

    /// <summary>Feeds bytes <paramref name="from"/> up to <paramref name="to"/> (exclusive, capped at the file's end) of <paramref name="file"/>.</summary>
    public static async Task FeedAsync(this StreamingDeliveryFeed feed, ExportFile file, long from, long to)
    {
        await using var read = File.OpenRead(file.Path);
        read.Seek(from, SeekOrigin.Begin);
        var buffer = new byte[Chunk];
        var position = from;
        var end = Math.Min(to, file.Length);
        while (position < end)
        {
            var count = await read.ReadAsync(buffer.AsMemory(0, (int)Math.Min(Chunk, end - position)));
            await feed.WriteAsync(buffer.AsMemory(0, count));
            position += count;
        }
    }

    /// <summary>Feeds the whole file and completes the feed.</summary>
    public static async Task FeedAllAsync(this StreamingDeliveryFeed feed, ExportFile file)
    {
        await feed.FeedAsync(file, 0, file.Length);
        await feed.CompleteAsync();
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Task? failsEarly = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (failsEarly is { IsCompleted: true })
            {
                await failsEarly; // the delivery ended (threw) before the condition: show why
                Assert.Fail($"The delivery ended before {what}.");
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
