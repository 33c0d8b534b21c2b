using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>What a store keeps when it prunes: <see cref="ExportJobStore.PruneRunsAsync"/> and <see cref="ExportJobStore.PruneClaimsAsync"/>.</summary>
public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task PruneRuns_ByCount_KeepsTheNewestOldestGoFirst()
    {
        await CreateJobWithRunsAsync("job-1", 10, _ => ExportRunStatus.Success);
        await CreateJobWithRunsAsync("job-2", 10, _ => ExportRunStatus.Success);

        Assert.Equal(3, await Store.PruneRunsAsync("job-1", new ExportRunPruning(4, null), 3));
        Assert.Equal(RunIds("job-1", 9, 3), await AllRunIdsAsync("job-1"));
        Assert.Equal(3, await Store.PruneRunsAsync("job-1", new ExportRunPruning(4, null), 5));
        Assert.Equal(0, await Store.PruneRunsAsync("job-1", new ExportRunPruning(4, null), 5));

        Assert.Equal(RunIds("job-1", 9, 6), await AllRunIdsAsync("job-1"));
        Assert.Equal(10, (await AllRunIdsAsync("job-2")).Count);
    }

    [Fact]
    public async Task PruneRuns_ByAge_DeletesTheRunsThatStartedBefore()
    {
        await CreateJobWithRunsAsync("job-1", 10, _ => ExportRunStatus.Success);

        Assert.Equal(4, await Store.PruneRunsAsync("job-1", new ExportRunPruning(null, RunStart(4)), 100));

        Assert.Equal(RunIds("job-1", 9, 4), await AllRunIdsAsync("job-1"));
    }

    [Theory]
    [InlineData(3, 5, 7)]
    [InlineData(8, 5, 5)]
    public async Task PruneRuns_CountAndAge_EitherLimitLetsARunGo(int keepNewest, int startedBeforeIndex, int expectedDeleted)
    {
        await CreateJobWithRunsAsync("job-1", 10, _ => ExportRunStatus.Success);

        Assert.Equal(expectedDeleted, await Store.PruneRunsAsync("job-1", new ExportRunPruning(keepNewest, RunStart(startedBeforeIndex)), 100));

        Assert.Equal(RunIds("job-1", 9, expectedDeleted), await AllRunIdsAsync("job-1"));
    }

    [Fact]
    public async Task PruneRuns_KeepsTheNewestSuccessAndTheNewestFailedRun()
    {
        // job-1: runs 1 and 3 failed, the others succeeded; job-2: run 0 succeeded, the others failed.
        await CreateJobWithRunsAsync("job-1", 10, i => i switch
        {
            1 or 3 => ExportRunStatus.Failed,
            _ => ExportRunStatus.Success,
        });
        await CreateJobWithRunsAsync("job-2", 6, i => i == 0 ? ExportRunStatus.Success : ExportRunStatus.Failed);

        Assert.Equal(8, await Store.PruneRunsAsync("job-1", new ExportRunPruning(1, null), 100));
        Assert.Equal(4, await Store.PruneRunsAsync("job-2", new ExportRunPruning(null, RunStart(100)), 100));

        Assert.Equal(["job-1-run-9", "job-1-run-3"], await AllRunIdsAsync("job-1"));
        Assert.Equal(["job-2-run-5", "job-2-run-0"], await AllRunIdsAsync("job-2"));
    }

    [Fact]
    public async Task PruneRuns_KeepsRunningRuns_AndDeletesTheOthersPastThem()
    {
        await CreateJobWithRunsAsync("job-1", 10, i => i < 3 ? ExportRunStatus.Running : ExportRunStatus.Success);

        // A batch of 2 must not stop at the three oldest (running) runs.
        Assert.Equal(2, await Store.PruneRunsAsync("job-1", new ExportRunPruning(2, null), 2));
        Assert.Equal(2, await Store.PruneRunsAsync("job-1", new ExportRunPruning(2, null), 2));
        Assert.Equal(1, await Store.PruneRunsAsync("job-1", new ExportRunPruning(2, null), 2));

        Assert.Equal(["job-1-run-9", "job-1-run-8", "job-1-run-2", "job-1-run-1", "job-1-run-0"], await AllRunIdsAsync("job-1"));
        Assert.Equal(3, (await Store.ListRunsByStatusAsync(ExportRunStatus.Running)).Count);
    }

    [Fact]
    public async Task PruneRuns_NothingDue_DeletesNothing()
    {
        await CreateJobWithRunsAsync("job-1", 5, _ => ExportRunStatus.Success);

        Assert.Equal(0, await Store.PruneRunsAsync("job-1", new ExportRunPruning(null, null), 100));
        Assert.Equal(0, await Store.PruneRunsAsync("job-1", new ExportRunPruning(5, RunStart(0)), 100));
        Assert.Equal(0, await Store.PruneRunsAsync("unknown", new ExportRunPruning(1, RunStart(100)), 100));

        Assert.Equal(5, (await AllRunIdsAsync("job-1")).Count);
    }

    [Fact]
    public async Task PruneClaims_DeletesOldClaims_KeepsEachJobsLatestAndEveryLaterOne()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        for (var minute = 0; minute < 10; minute++)
        {
            Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0.AddMinutes(minute), "host-a"));
        }

        Assert.True(await Store.TryClaimOccurrenceAsync("job-2", T0.AddMinutes(1), "host-a"));

        Assert.Equal(3, await Store.PruneClaimsAsync(T0.AddMinutes(6), 3));
        Assert.Equal(3, await Store.PruneClaimsAsync(T0.AddMinutes(6), 3));
        Assert.Equal(0, await Store.PruneClaimsAsync(T0.AddMinutes(6), 3));

        // Kept: job-1 from minute 6 on, and job-2's only (latest) claim although it is older than the limit.
        for (var minute = 6; minute < 10; minute++)
        {
            Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0.AddMinutes(minute), "host-b"));
        }

        Assert.False(await Store.TryClaimOccurrenceAsync("job-2", T0.AddMinutes(1), "host-b"));
        Assert.Equal(T0.AddMinutes(9), await Store.GetLastClaimedOccurrenceAsync("job-1"));
        Assert.Equal(T0.AddMinutes(1), await Store.GetLastClaimedOccurrenceAsync("job-2"));

        // With a later limit only each job's latest claim stays.
        Assert.Equal(3, await Store.PruneClaimsAsync(T0.AddMinutes(100), 100));
        Assert.False(await Store.TryClaimOccurrenceAsync("job-1", T0.AddMinutes(9), "host-b"));
    }

    /// <summary>
    /// Two hosts schedule a job every minute while passes prune claims with the tightest limit the contract allows (now
    /// minus the misfire grace window): one claims each occurrence ahead of time, the other, as if it had just started,
    /// claims every occurrence still inside the grace window (a misfire catch-up). The windows straddle every pass; each
    /// occurrence must still be won exactly once.
    /// </summary>
    [Fact]
    public async Task PruneClaims_ClaimAheadAndGraceWindowsStraddlingPasses_NoOccurrenceIsClaimedTwice()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var grace = TimeSpan.FromMinutes(5);
        var claimAhead = TimeSpan.FromSeconds(2);
        var wins = new Dictionary<DateTimeOffset, int>();
        void Count(DateTimeOffset occurrence, bool won) => wins[occurrence] = wins.GetValueOrDefault(occurrence) + (won ? 1 : 0);

        for (var minute = 0; minute < 30; minute++)
        {
            var now = T0.AddMinutes(minute).AddSeconds(-1);
            var ahead = T0.AddMinutes(minute);
            var batch = await Store.TryClaimOccurrencesAsync([new ExportOccurrence("job-1", ahead)], "host-a");
            Count(ahead, batch[0]);

            var pruning = Store.PruneClaimsAsync(now - grace, 2);
            for (var back = grace; back >= TimeSpan.Zero; back -= TimeSpan.FromMinutes(1))
            {
                var occurrence = T0.AddMinutes(minute) - back;
                if (now - occurrence <= grace && occurrence <= now + claimAhead)
                {
                    Count(occurrence, await Store.TryClaimOccurrenceAsync("job-1", occurrence, "host-b"));
                }
            }

            await pruning;
        }

        Assert.All(wins, pair => Assert.True(pair.Value == 1, $"Occurrence {pair.Key:o} was won {pair.Value} times."));
        Assert.Equal(30, wins.Count(pair => pair.Key >= T0));
    }

    private static DateTimeOffset RunStart(int index) => T0.AddMinutes(index);

    private static List<string> RunIds(string jobId, int newest, int oldest) =>
        Enumerable.Range(oldest, newest - oldest + 1).Reverse().Select(i => $"{jobId}-run-{i}").ToList();

    private async Task CreateJobWithRunsAsync(string jobId, int count, Func<int, ExportRunStatus> status)
    {
        await Store.CreateJobAsync(NewJob(jobId));
        foreach (var i in Enumerable.Range(0, count).OrderBy(i => (i * 7) % count))
        {
            await Store.CreateRunAsync(NewRun(jobId, $"{jobId}-run-{i}", RunStart(i), status(i)));
        }
    }

    private async Task<List<string>> AllRunIdsAsync(string jobId) =>
        (await Store.ListRunsAsync(jobId, 10_000)).Select(r => r.Id).ToList();
}
