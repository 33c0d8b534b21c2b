using ExportJobs.Model;
using ExportJobs.Pruning;
using ExportJobs.Retention;
using Microsoft.Extensions.Hosting;

namespace ExportJobs.Core.Tests.Retention;

public sealed class ExportHistoryPrunerTests
{
    [Fact]
    public async Task BackgroundPass_JobOverItsLimit_IsPrunedWithinOneInterval()
    {
        await using var harness = new PrunerHarness();
        var job = await harness.CreateJobAsync(new ExportRetention { MaxRuns = 3 });
        var runs = await harness.RecordRunsAsync(job, 10);
        var pruner = harness.Pruner;
        await pruner.StartAsync(CancellationToken.None);
        try
        {
            harness.Time.Advance(TimeSpan.FromSeconds(59));
            Assert.Equal(10, (await harness.RunIdsAsync(job)).Count);

            harness.Time.Advance(TimeSpan.FromSeconds(1));

            await WaitUntilAsync(async () => (await harness.RunIdsAsync(job)).Count == 3, "the job still has more than 3 runs a minute after going over its limit");
            Assert.Equal(runs.TakeLast(3).Reverse().Select(r => r.Id), await harness.RunIdsAsync(job));
        }
        finally
        {
            await pruner.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Pass_JobWithoutRetention_IsPrunedAtTheHostDefaults()
    {
        await using var harness = new PrunerHarness(o => o.Retention.MaxRuns = 4);
        var job = await harness.CreateJobAsync(retention: null);
        var limited = await harness.CreateJobAsync(new ExportRetention { MaxRuns = 2 });
        await harness.RecordRunsAsync(job, 10);
        await harness.RecordRunsAsync(limited, 10);

        var pass = await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal(14, pass.RunsDeleted);
        Assert.Equal(4, (await harness.RunIdsAsync(job)).Count);
        Assert.Equal(2, (await harness.RunIdsAsync(limited)).Count);
    }

    [Fact]
    public async Task Pass_DefaultAge_KeepsNinetyDays_AndAJobsOwnAgeWins()
    {
        await using var harness = new PrunerHarness();
        var job = await harness.CreateJobAsync(retention: null);
        var shortLived = await harness.CreateJobAsync(new ExportRetention { MaxAgeDays = 7 });
        await harness.RecordRunsAsync(job, 100, TimeSpan.FromDays(1));
        await harness.RecordRunsAsync(shortLived, 100, TimeSpan.FromDays(1));

        await harness.Pruner.PruneAsync(CancellationToken.None);

        // Kept: the runs that started at most 90 (7) days ago, the one exactly 90 (7) days ago included.
        Assert.Equal(91, (await harness.RunIdsAsync(job)).Count);
        Assert.Equal(8, (await harness.RunIdsAsync(shortLived)).Count);
    }

    [Fact]
    public async Task Pass_HostDefaultsWithoutLimits_KeepEverything()
    {
        await using var harness = new PrunerHarness(configuration: new Dictionary<string, string?>
        {
            ["ExportJobs:Retention:MaxRuns"] = string.Empty,
            ["ExportJobs:Retention:MaxAgeDays"] = string.Empty,
        });
        var job = await harness.CreateJobAsync(retention: null);
        await harness.RecordRunsAsync(job, 50, TimeSpan.FromDays(10));

        var pass = await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal(0, pass.RunsDeleted);
        Assert.Equal(50, (await harness.RunIdsAsync(job)).Count);
    }

    [Fact]
    public async Task Pass_NeverDeletesTheNewestSuccessOrFailureOrARunningRun()
    {
        await using var harness = new PrunerHarness(o => o.Retention.MaxRuns = 1);
        var job = await harness.CreateJobAsync(retention: null);
        var runs = await harness.RecordRunsAsync(job, 6, status: i => i switch
        {
            0 => ExportRunStatus.Running,
            1 => ExportRunStatus.Failed,
            _ => ExportRunStatus.Success,
        });
        await harness.Store.UpdateRunAsync(runs[0] with { CompletedAt = null });

        await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal([runs[5].Id, runs[1].Id, runs[0].Id], await harness.RunIdsAsync(job));
    }

    [Fact]
    public async Task Pass_DeletesInBatchesNoLargerThanTheMaximum()
    {
        await using var harness = new PrunerHarness(o =>
        {
            o.Retention.MaxRuns = 10;
            o.Retention.MaxBatchSize = 7;
        });
        var job = await harness.CreateJobAsync(retention: null);
        await harness.RecordRunsAsync(job, 110);

        var pass = await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal(100, pass.RunsDeleted);
        Assert.True(pass.Batches >= 15, $"100 runs in {pass.Batches} batches of at most 7.");
        Assert.Equal(10, (await harness.RunIdsAsync(job)).Count);
    }

    [Fact]
    public async Task Pass_StartsAtTheMinimumBatch_GrowsAQuarterAtATime_RunsAndClaimsSizedApart()
    {
        await using var harness = new PrunerHarness(o =>
        {
            o.Retention.MaxRuns = 10;
            o.Retention.MinBatchSize = 4;
            o.Retention.MaxBatchSize = 50;
            o.MisfireGraceWindow = TimeSpan.FromMinutes(15);
        });
        var job = await harness.CreateJobAsync(retention: null);
        await harness.RecordRunsAsync(job, 210);
        var now = harness.Time.GetUtcNow();
        for (var minute = -400; minute <= -200; minute++)
        {
            Assert.True(await harness.Store.TryClaimOccurrenceAsync(job.Id, now.AddMinutes(minute), "host"));
        }

        var batches = new List<PruningBatch>();
        harness.Pruner.BatchObserver = batches.Add;

        var pass = await harness.Pruner.PruneAsync(CancellationToken.None);

        // The fake clock stands still, so every batch held the store for no time and the next full one is a quarter larger.
        int[] sizes = [4, 5, 6, 7, 8, 10, 12, 15, 18, 22, 27, 33, 41];
        Assert.Equal(200, pass.RunsDeleted);
        Assert.Equal(200, pass.ClaimsDeleted);
        Assert.Equal(sizes, batches.Where(b => b.Runs).Select(b => b.Size));
        Assert.Equal(sizes, batches.Where(b => !b.Runs).Select(b => b.Size));
        Assert.Equal(200 - sizes[..^1].Sum(), batches.Last(b => b.Runs).Deleted);
        Assert.All(batches, b => Assert.Equal(TimeSpan.Zero, b.Held));
    }

    [Fact]
    public async Task Pass_Claims_KeepsTheGraceWindowPlusTheMarginAndEachJobsLatest()
    {
        await using var harness = new PrunerHarness(o => o.MisfireGraceWindow = TimeSpan.FromMinutes(15));
        var job = await harness.CreateJobAsync(retention: null);
        var idle = await harness.CreateJobAsync(retention: null);
        var now = harness.Time.GetUtcNow();
        var keptFrom = now - TimeSpan.FromMinutes(15) - ExportHistoryPruner.ClaimMargin;
        for (var minute = -180; minute <= 0; minute++)
        {
            Assert.True(await harness.Store.TryClaimOccurrenceAsync(job.Id, now.AddMinutes(minute), "host"));
        }

        Assert.True(await harness.Store.TryClaimOccurrenceAsync(idle.Id, now.AddDays(-30), "host"));

        var pass = await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal(180 - 75, pass.ClaimsDeleted);
        Assert.False(await harness.Store.TryClaimOccurrenceAsync(job.Id, keptFrom, "other"));
        Assert.True(await harness.Store.TryClaimOccurrenceAsync(job.Id, keptFrom.AddMinutes(-1), "other"), "the claim before the kept window was not pruned");
        Assert.Equal(now.AddDays(-30), await harness.Store.GetLastClaimedOccurrenceAsync(idle.Id));
    }

    [Fact]
    public async Task Disabled_NoPassRuns()
    {
        await using var harness = new PrunerHarness(o =>
        {
            o.Retention.Enabled = false;
            o.Retention.MaxRuns = 1;
        });
        var job = await harness.CreateJobAsync(retention: null);
        await harness.RecordRunsAsync(job, 5);
        var pruner = harness.Pruner;

        await pruner.StartAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await pruner.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        await pruner.StopAsync(CancellationToken.None);

        Assert.Equal(5, (await harness.RunIdsAsync(job)).Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
