using ExportJobs.Extensibility;
using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task ClaimMany_WinsFreeOccurrences_LosesClaimedOnes_InTheOrderGiven()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-2", T0, "host-b"));

        var won = await Store.TryClaimOccurrencesAsync(
            [new("job-1", T0), new("job-2", T0), new("job-1", T0.AddMinutes(1)), new("job-2", T0.AddMinutes(1))],
            "host-a");

        Assert.Equal([true, false, true, true], won);
        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-c"));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-2", T0.AddMinutes(1).ToOffset(TimeSpan.FromHours(2)), "host-c"));
        Assert.Equal(T0.AddMinutes(1), await Store.GetLastClaimedOccurrenceAsync("job-1"));
    }

    [Fact]
    public async Task ClaimMany_SameOccurrenceListedTwice_IsWonOnce()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        var won = await Store.TryClaimOccurrencesAsync([new("job-1", T0), new("job-1", T0.ToOffset(TimeSpan.FromHours(3)))], "host-a");

        Assert.Equal([true, false], won);
    }

    [Fact]
    public async Task ClaimMany_Empty_ReturnsEmpty()
    {
        var won = await Store.TryClaimOccurrencesAsync([], "host-a");

        Assert.Empty(won);
    }

    [Fact]
    public async Task ClaimMany_8ConcurrentHostsClaimingTheSame200Occurrences_EachIsWonExactlyOnce()
    {
        var occurrences = new List<ExportOccurrence>();
        for (var j = 0; j < 20; j++)
        {
            await Store.CreateJobAsync(NewJob($"job-{j}"));
            occurrences.AddRange(Enumerable.Range(0, 10).Select(m => new ExportOccurrence($"job-{j}", T0.AddMinutes(m))));
        }

        using var start = new ManualResetEventSlim();
        var hosts = Enumerable.Range(0, 8)
            .Select(h => Task.Run(async () =>
            {
                start.Wait(TimeSpan.FromSeconds(10));
                // Each host lists them in its own order, so that the batches interleave differently.
                var mine = occurrences.OrderBy(o => (o.JobId.GetHashCode(StringComparison.Ordinal) * (h + 1)) ^ o.Occurrence.Minute).ToList();
                var won = await Store.TryClaimOccurrencesAsync(mine, $"host-{h}");
                return mine.Where((_, i) => won[i]).ToList();
            }))
            .ToList();
        start.Set();

        var wins = (await Task.WhenAll(hosts).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(w => w).ToList();

        Assert.Equal(occurrences.Count, wins.Count);
        Assert.Equal(occurrences.ToHashSet(), wins.ToHashSet());
    }
}
