using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Theory]
    [InlineData(ExportRunStatus.Running)]
    [InlineData(ExportRunStatus.Success)]
    [InlineData(ExportRunStatus.Failed)]
    public async Task CreateRun_ThenGet_RoundTripsEveryField(ExportRunStatus status)
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var run = NewRun("job-1", "run-1", T0.ToOffset(TimeSpan.FromHours(3)), status);

        await Store.CreateRunAsync(run);

        AssertSameRun(run, await Store.GetRunAsync("run-1"));
    }

    [Fact]
    public async Task CreateRun_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var first = NewRun("job-1", "run-1", T0);
        await Store.CreateRunAsync(first);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateRunAsync(NewRun("job-1", "run-1", T0.AddMinutes(1), ExportRunStatus.Failed)));

        AssertSameRun(first, await Store.GetRunAsync("run-1"));
        Assert.Single(await Store.ListRunsAsync("job-1", 10));
    }

    [Fact]
    public async Task GetRun_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetRunAsync("run-1"));
    }

    [Theory]
    [InlineData(ExportRunStatus.Success)]
    [InlineData(ExportRunStatus.Failed)]
    public async Task UpdateRun_FromRunning_StoresTheOutcome(ExportRunStatus outcome)
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0));
        var finished = NewRun("job-1", "run-1", T0, outcome);

        Assert.True(await Store.UpdateRunAsync(finished));

        AssertSameRun(finished, await Store.GetRunAsync("run-1"));
        AssertSameRun(finished, Assert.Single(await Store.ListRunsAsync("job-1", 10)));
        Assert.Empty(await Store.ListRunsByStatusAsync(ExportRunStatus.Running));
        AssertSameRun(finished, Assert.Single(await Store.ListRunsByStatusAsync(outcome)));
    }

    [Fact]
    public async Task UpdateRun_Unknown_ReturnsFalseAndCreatesNothing()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.False(await Store.UpdateRunAsync(NewRun("job-1", "run-1", T0, ExportRunStatus.Success)));

        Assert.Null(await Store.GetRunAsync("run-1"));
        Assert.Empty(await Store.ListRunsAsync("job-1", 10));
    }

    [Fact]
    public async Task ListRuns_ReturnsNewestFirst_UpToTheLimit()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        var order = new[] { 3, 0, 4, 1, 2 };
        foreach (var i in order)
        {
            await Store.CreateRunAsync(NewRun("job-1", $"run-{i}", T0.AddMinutes(i).ToOffset(TimeSpan.FromHours(i - 2))));
            await Store.CreateRunAsync(NewRun("job-2", $"other-{i}", T0.AddMinutes(i)));
        }

        Assert.Equal(["run-4", "run-3", "run-2"], (await Store.ListRunsAsync("job-1", 3)).Select(r => r.Id));
        Assert.Equal(["run-4", "run-3", "run-2", "run-1", "run-0"], (await Store.ListRunsAsync("job-1", 50)).Select(r => r.Id));
        Assert.Equal(["run-4"], (await Store.ListRunsAsync("job-1", 1)).Select(r => r.Id));
    }

    [Fact]
    public async Task ListRuns_SameStartedAt_OrdersByIdDescending()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        foreach (var id in new[] { "b", "B", "c", "a", "ab" })
        {
            await Store.CreateRunAsync(NewRun("job-1", id, T0.ToOffset(TimeSpan.FromHours(id.Length))));
        }

        await Store.CreateRunAsync(NewRun("job-1", "0-older", T0.AddTicks(-10)));

        Assert.Equal(["c", "b", "ab", "a", "B", "0-older"], (await Store.ListRunsAsync("job-1", 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task ListRuns_UnknownJob_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListRunsAsync("job-1", 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ListRuns_LimitBelowOne_Throws(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListRunsAsync("job-1", limit));
    }

    [Fact]
    public async Task ListRuns_OfJobsWithSimilarIds_NeverMix()
    {
        string[] ids = ["a", "a|", "a|b", "A", "ab", "a|0000000000000000000"];
        foreach (var id in ids)
        {
            await Store.CreateJobAsync(NewJob(id));
            await Store.CreateRunAsync(NewRun(id, $"run-of-{id}", T0));
            await Store.CreateRunAsync(NewRun(id, $"run2-of-{id}", T0.AddSeconds(1), ExportRunStatus.Success));
        }

        foreach (var id in ids)
        {
            Assert.Equal([$"run2-of-{id}", $"run-of-{id}"], (await Store.ListRunsAsync(id, 10)).Select(r => r.Id));
            Assert.Equal($"run2-of-{id}", (await Store.GetLatestRunAsync(id))?.Id);
            Assert.Equal($"run-of-{id}", (await Store.GetLatestRunAsync(id, ExportRunStatus.Running))?.Id);
        }
    }

    [Fact]
    public async Task GetLatestRun_WithoutStatus_ReturnsTheNewest()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(2), ExportRunStatus.Failed));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0.AddMinutes(1), ExportRunStatus.Success));

        var latest = await Store.GetLatestRunAsync("job-1");

        AssertSameRun(NewRun("job-1", "run-2", T0.AddMinutes(2), ExportRunStatus.Failed), latest);
    }

    [Fact]
    public async Task GetLatestRun_WithStatus_ReturnsTheNewestWithThatStatus()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0.AddMinutes(1), ExportRunStatus.Success));
        await Store.CreateRunAsync(NewRun("job-1", "run-0", T0, ExportRunStatus.Success));
        await Store.CreateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(2), ExportRunStatus.Failed));
        await Store.CreateRunAsync(NewRun("job-1", "run-3", T0.AddMinutes(3), ExportRunStatus.Failed));

        Assert.Equal("run-1", (await Store.GetLatestRunAsync("job-1", ExportRunStatus.Success))?.Id);
        Assert.Equal("run-3", (await Store.GetLatestRunAsync("job-1", ExportRunStatus.Failed))?.Id);
        Assert.Null(await Store.GetLatestRunAsync("job-1", ExportRunStatus.Running));
    }

    [Fact]
    public async Task GetLatestRun_NoRuns_ReturnsNull()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.Null(await Store.GetLatestRunAsync("job-1"));
        Assert.Null(await Store.GetLatestRunAsync("job-2", ExportRunStatus.Success));
    }

    [Fact]
    public async Task GetLatestRuns_ReturnsTheNewestRunOfEachJobThatHasOne()
    {
        foreach (var id in new[] { "job-1", "job-2", "job-3" })
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        await Store.CreateRunAsync(NewRun("job-1", "run-1a", T0));
        await Store.CreateRunAsync(NewRun("job-1", "run-1b", T0.AddMinutes(1), ExportRunStatus.Success));
        await Store.CreateRunAsync(NewRun("job-3", "run-3a", T0.AddMinutes(5), ExportRunStatus.Failed));
        await Store.CreateRunAsync(NewRun("job-3", "run-3b", T0.AddMinutes(-5)));

        var latest = await Store.GetLatestRunsAsync(["job-1", "job-2", "job-3", "job-unknown"]);

        Assert.Equal(["job-1", "job-3"], latest.Keys.Order(StringComparer.Ordinal));
        AssertSameRun(NewRun("job-1", "run-1b", T0.AddMinutes(1), ExportRunStatus.Success), latest["job-1"]);
        AssertSameRun(NewRun("job-3", "run-3a", T0.AddMinutes(5), ExportRunStatus.Failed), latest["job-3"]);
        Assert.Empty(await Store.GetLatestRunsAsync([]));
    }

    [Fact]
    public async Task GetLatestRunSummaries_SummarizeTheNewestRunOfEachJobThatHasOne()
    {
        foreach (var id in new[] { "job-1", "job-2", "job-3" })
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        await Store.CreateRunAsync(NewRun("job-1", "run-1a", T0));
        await Store.CreateRunAsync(NewRun("job-1", "run-1b", T0.AddMinutes(1), ExportRunStatus.Success));
        await Store.CreateRunAsync(NewRun("job-3", "run-3a", T0.AddMinutes(5), ExportRunStatus.Failed));
        await Store.CreateRunAsync(NewRun("job-3", "run-3b", T0.AddMinutes(-5)));
        await Store.CreateRunAsync(NewRun("job-3", "run-3c", T0.AddMinutes(5)));

        var summaries = await Store.GetLatestRunSummariesAsync(["job-1", "job-2", "job-3", "job-unknown"]);

        Assert.Equal(["job-1", "job-3"], summaries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new ExportRunSummary("run-1b", ExportRunStatus.Success, T0.AddMinutes(1)) { CompletedAt = T0.AddMinutes(1).AddSeconds(42) }, summaries["job-1"]);
        // Two runs started at the same instant: the greater id is the newer, as for GetLatestRunsAsync.
        Assert.Equal(new ExportRunSummary("run-3c", ExportRunStatus.Running, T0.AddMinutes(5)), summaries["job-3"]);
        Assert.Equal((await Store.GetLatestRunsAsync(["job-3"]))["job-3"].Id, summaries["job-3"].Id);
        Assert.Empty(await Store.GetLatestRunSummariesAsync([]));
    }

    [Fact]
    public async Task GetLatestRunSummaries_CarryTheEndAndTheErrorsFirstCharacters()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        // Longer than a summary keeps, with characters outside the BMP (two UTF-16 units each) around the cut.
        var longError = string.Concat(Enumerable.Repeat("The bucket refused the upload 🙅 (AccessDenied). ", 40));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0, ExportRunStatus.Failed) with { Error = longError });
        await Store.CreateRunAsync(NewRun("job-2", "run-2", T0, ExportRunStatus.Failed));

        var summaries = await Store.GetLatestRunSummariesAsync(["job-1", "job-2"]);

        var cut = summaries["job-1"];
        Assert.Equal(T0.AddSeconds(42), cut.CompletedAt);
        Assert.Equal(ExportRunSummary.ShortError(longError), cut.Error);
        Assert.True(cut.Error!.Length <= ExportRunSummary.MaxErrorLength, $"The summary's error is {cut.Error.Length} characters long.");
        Assert.EndsWith("…", cut.Error, StringComparison.Ordinal);
        Assert.StartsWith(cut.Error[..^1], longError, StringComparison.Ordinal);
        Assert.Equal("Access denied by the bucket policy.", summaries["job-2"].Error);
        Assert.Equal(ExportRunSummary.From((await Store.GetLatestRunsAsync(["job-1"]))["job-1"]), cut);
    }

    /// <summary>What a store remembers or projects of the last runs (read once, then asked again) follows every change to them.</summary>
    [Fact]
    public async Task GetLatestRuns_AskedAgain_FollowsEveryChangeOfTheRuns()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        Assert.Empty(await Store.GetLatestRunsAsync(["job-1", "job-2"]));

        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0));
        Assert.Equal("run-1", (await Store.GetLatestRunsAsync(["job-1", "job-2"]))["job-1"].Id);

        await Store.CreateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(1)));
        await Store.CreateRunAsync(NewRun("job-1", "run-0", T0.AddMinutes(-1), ExportRunStatus.Failed));
        Assert.Equal("run-2", (await Store.GetLatestRunsAsync(["job-1"]))["job-1"].Id);

        Assert.True(await Store.UpdateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(1), ExportRunStatus.Success) with { CompletedAt = T0.AddMinutes(2) }));
        var completed = (await Store.GetLatestRunsAsync(["job-1"]))["job-1"];
        Assert.Equal(("run-2", ExportRunStatus.Success), (completed.Id, completed.Status));

        await Store.PruneRunsAsync("job-1", new ExportRunPruning(1, null), 10);
        Assert.Equal("run-2", (await Store.GetLatestRunsAsync(["job-1"]))["job-1"].Id);

        Assert.True(await Store.DeleteJobAsync("job-1"));
        Assert.Empty(await Store.GetLatestRunsAsync(["job-1"]));
        await Store.CreateJobAsync(NewJob("job-1"));
        Assert.Empty(await Store.GetLatestRunsAsync(["job-1"]));
        await Store.CreateRunAsync(NewRun("job-1", "run-3", T0.AddMinutes(-10)));
        Assert.Equal("run-3", (await Store.GetLatestRunsAsync(["job-1", "job-2"]))["job-1"].Id);
    }

    /// <summary>Runs recorded while the last runs are being read: once the writes are done, a read shows the newest of each job.</summary>
    [Fact]
    public async Task GetLatestRuns_ReadWhileRunsAreRecorded_EndsWithTheNewest()
    {
        var jobs = Enumerable.Range(0, 20).Select(i => $"job-{i:D2}").ToList();
        foreach (var id in jobs)
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                _ = await Store.GetLatestRunsAsync(jobs);
                reads++;
            }

            return reads;
        });
        for (var round = 0; round < 10; round++)
        {
            await Task.WhenAll(jobs.Select(id => Store.CreateRunAsync(NewRun(id, $"{id}-run-{round:D2}", T0.AddMinutes(round)))));
        }

        await stop.CancelAsync();
        Assert.True(await reader > 0);

        var latest = await Store.GetLatestRunsAsync(jobs);
        Assert.All(jobs, id => Assert.Equal($"{id}-run-09", latest[id].Id));
    }

    [Fact]
    public async Task ListRunsByStatus_ReturnsRunsOfEveryJobWithThatStatus()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0));
        await Store.CreateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(1), ExportRunStatus.Success));
        await Store.CreateRunAsync(NewRun("job-2", "run-3", T0.AddMinutes(2)));
        await Store.CreateRunAsync(NewRun("job-2", "run-4", T0.AddMinutes(3), ExportRunStatus.Failed));

        var running = await Store.ListRunsByStatusAsync(ExportRunStatus.Running);

        Assert.Equal(["run-1", "run-3"], running.Select(r => r.Id).Order(StringComparer.Ordinal));
        AssertSameRun(NewRun("job-2", "run-3", T0.AddMinutes(2)), running.Single(r => r.Id == "run-3"));
        Assert.Equal(["run-2"], (await Store.ListRunsByStatusAsync(ExportRunStatus.Success)).Select(r => r.Id));
        Assert.Equal(["run-4"], (await Store.ListRunsByStatusAsync(ExportRunStatus.Failed)).Select(r => r.Id));
    }
}
