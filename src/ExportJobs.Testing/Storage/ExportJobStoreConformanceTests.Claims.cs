using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task Claim_FirstCallerWins_LaterCallersLose()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-a"));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-b"));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-a"));
    }

    [Fact]
    public async Task Claim_32ConcurrentCallers_ExactlyOneWins()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        for (var round = 0; round < 5; round++)
        {
            var occurrence = T0.AddMinutes(round);
            using var start = new ManualResetEventSlim();
            var claims = Enumerable.Range(0, 32)
                .Select(i => Task.Run(async () =>
                {
                    start.Wait(TimeSpan.FromSeconds(10));
                    return await Store.TryClaimOccurrenceAsync("job-1", occurrence, $"host-{i}");
                }))
                .ToList();
            start.Set();

            var results = await Task.WhenAll(claims).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, results.Count(won => won));
        }
    }

    [Fact]
    public async Task Claim_DifferentOccurrencesAndJobs_AreIndependent()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));

        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-a"));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0.AddMinutes(1), "host-a"));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0.AddTicks(10), "host-a"));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-2", T0, "host-a"));
        Assert.True(await Store.TryClaimOccurrenceAsync("JOB-1", T0, "host-a"));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-2", T0, "host-b"));
    }

    [Fact]
    public async Task Claim_SameInstantWithAnotherOffset_IsTheSameOccurrence()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0.ToOffset(TimeSpan.FromHours(1)), "host-a"));

        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-b"));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0.ToOffset(TimeSpan.FromHours(-7)), "host-c"));
    }

    [Fact]
    public async Task GetLastClaimedOccurrence_ReturnsTheLatestInstantClaimed()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-10"));
        Assert.Null(await Store.GetLastClaimedOccurrenceAsync("job-1"));

        await Store.TryClaimOccurrenceAsync("job-1", T0.AddHours(1).ToOffset(TimeSpan.FromHours(5)), "host-a");
        await Store.TryClaimOccurrenceAsync("job-1", T0.AddHours(2).ToOffset(TimeSpan.FromHours(-5)), "host-a");
        await Store.TryClaimOccurrenceAsync("job-1", T0, "host-a");
        await Store.TryClaimOccurrenceAsync("job-10", T0.AddDays(1), "host-a");

        var last = await Store.GetLastClaimedOccurrenceAsync("job-1");

        Assert.Equal(T0.AddHours(2), last);
        Assert.Null(await Store.GetLastClaimedOccurrenceAsync("job-2"));
    }

    [Fact]
    public async Task LastClaimedMany_GivesEachJobsLatestClaim_AndLeavesOutJobsWithoutOne()
    {
        foreach (var id in new[] { "job-1", "job-10", "job-2" })
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        await Store.TryClaimOccurrenceAsync("job-1", T0.AddHours(1).ToOffset(TimeSpan.FromHours(5)), "host-a");
        await Store.TryClaimOccurrenceAsync("job-1", T0.AddHours(2).ToOffset(TimeSpan.FromHours(-5)), "host-a");
        await Store.TryClaimOccurrencesAsync([new("job-10", T0.AddDays(1)), new("job-10", T0)], "host-b");

        var last = await Store.GetLastClaimedOccurrencesAsync(["job-1", "job-10", "job-2", "no-such-job", "job-1"]);

        Assert.Equal(2, last.Count);
        Assert.Equal(T0.AddHours(2), last["job-1"]);
        Assert.Equal(T0.AddDays(1), last["job-10"]);
        Assert.Empty(await Store.GetLastClaimedOccurrencesAsync([]));
    }
}
