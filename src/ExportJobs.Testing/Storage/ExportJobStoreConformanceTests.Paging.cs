using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task ListRunsPage_Before_ReturnsTheOlderRunsNewestFirst()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateJobAsync(NewJob("job-2"));
        foreach (var i in new[] { 5, 0, 3, 1, 4, 2 })
        {
            await Store.CreateRunAsync(NewRun("job-1", $"run-{i}", T0.AddMinutes(i).ToOffset(TimeSpan.FromHours(i - 3)), ExportRunStatus.Success));
            await Store.CreateRunAsync(NewRun("job-2", $"other-{i}", T0.AddMinutes(i), ExportRunStatus.Success));
        }

        var first = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 2 });
        var second = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 2, Before = Position(first[^1]) });
        var rest = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 10, Before = Position(second[^1]) });

        Assert.Equal(["run-5", "run-4"], first.Select(r => r.Id));
        Assert.Equal(["run-3", "run-2"], second.Select(r => r.Id));
        Assert.Equal(["run-1", "run-0"], rest.Select(r => r.Id));
        Assert.Empty(await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 10, Before = Position(rest[^1]) }));
    }

    [Fact]
    public async Task ListRunsPage_RunsThatStartedTogether_PageByIdWithoutLosingOne()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        foreach (var id in new[] { "b", "d", "a", "c" })
        {
            await Store.CreateRunAsync(NewRun("job-1", id, T0, ExportRunStatus.Success));
        }

        var first = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 3 });
        var second = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 3, Before = Position(first[^1]) });

        Assert.Equal(["d", "c", "b"], first.Select(r => r.Id));
        Assert.Equal(["a"], second.Select(r => r.Id));
    }

    [Fact]
    public async Task ListRunsPage_BeforeAPositionThatIsNoRun_ReturnsTheRunsBelowIt()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        for (var i = 0; i < 4; i++)
        {
            await Store.CreateRunAsync(NewRun("job-1", $"run-{i}", T0.AddMinutes(i), ExportRunStatus.Success));
        }

        // The position of a run that was pruned: between run-1 and run-2.
        var page = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 10, Before = new ExportRunPosition(T0.AddMinutes(1.5), "gone") });

        Assert.Equal(["run-1", "run-0"], page.Select(r => r.Id));
    }

    [Fact]
    public async Task ListRunsPage_Status_FiltersWithAndWithoutACursor()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var statuses = new[] { ExportRunStatus.Success, ExportRunStatus.Failed, ExportRunStatus.Running };
        for (var i = 0; i < 9; i++)
        {
            await Store.CreateRunAsync(NewRun("job-1", $"run-{i}", T0.AddMinutes(i), statuses[i % 3]));
        }

        var failed = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 2, Status = ExportRunStatus.Failed });
        var olderFailed = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 2, Status = ExportRunStatus.Failed, Before = Position(failed[^1]) });
        var running = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 10, Status = ExportRunStatus.Running, Before = new ExportRunPosition(T0.AddMinutes(8), "run-8") });

        Assert.Equal(["run-7", "run-4"], failed.Select(r => r.Id));
        Assert.Equal(["run-1"], olderFailed.Select(r => r.Id));
        Assert.Equal(["run-5", "run-2"], running.Select(r => r.Id));
    }

    [Fact]
    public async Task ListRunsPage_NewRunsArriveWhileWalking_EveryOldRunOnceNewestFirst()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        for (var i = 0; i < 50; i++)
        {
            await Store.CreateRunAsync(NewRun("job-1", $"old-{i:D2}", T0.AddMinutes(i), ExportRunStatus.Success));
        }

        var seen = new List<ExportRun>();
        ExportRunPosition? before = null;
        for (var page = 0; ; page++)
        {
            await Store.CreateRunAsync(NewRun("job-1", $"new-{page:D2}", T0.AddHours(2).AddMinutes(page), ExportRunStatus.Success));
            var runs = await Store.ListRunsAsync("job-1", new ExportRunQuery { Limit = 7, Before = before });
            if (runs.Count == 0)
            {
                break;
            }

            seen.AddRange(runs);
            before = Position(runs[^1]);
        }

        var old = seen.Where(r => r.Id.StartsWith("old-", StringComparison.Ordinal)).Select(r => r.Id).ToList();
        Assert.Equal(Enumerable.Range(0, 50).Reverse().Select(i => $"old-{i:D2}"), old);
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.StartedAt > pair.Second.StartedAt), "The pages are not strictly newest first.");
    }

    /// <summary>The position of a run, as a paging cursor naming it stands for.</summary>
    /// <param name="run">The run.</param>
    protected static ExportRunPosition Position(ExportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExportRunPosition(run.StartedAt, run.Id);
    }
}
