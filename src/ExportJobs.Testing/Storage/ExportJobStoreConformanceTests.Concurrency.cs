using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task ParallelCreatesThenParallelDeletes_LoseNothing()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"job-{i:D2}").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() => Store.CreateJobAsync(NewJob(id, T0.AddSeconds(id.GetHashCode(StringComparison.Ordinal) % 100)))))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ids, (await Store.ListJobsAsync()).Select(j => j.Id).Order(StringComparer.Ordinal));

        var deleted = await Task.WhenAll(ids.Where((_, i) => i % 2 == 0).Select(id => Task.Run(() => Store.DeleteJobAsync(id)))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(deleted, Assert.True);
        Assert.Equal(ids.Where((_, i) => i % 2 == 1), (await Store.ListJobsAsync()).Select(j => j.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ParallelRunWritesAndJobDeletes_KeepEveryOtherJobsRuns()
    {
        var ids = Enumerable.Range(0, 8).Select(i => $"job-{i}").ToList();
        foreach (var id in ids)
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        var writes = ids.Select(id => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var run = NewRun(id, $"{id}-run-{i:D2}", T0.AddSeconds(i));
                await Store.CreateRunAsync(run);
                await Store.UpdateRunAsync(run with { Status = ExportRunStatus.Success, CompletedAt = run.StartedAt.AddSeconds(1) });
            }
        }));
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));
        var deletes = ids.Take(4).Select(id => Task.Run(() => Store.DeleteJobAsync(id)));
        var reads = ids.Skip(4).Select(id => Task.Run(() => Store.ListRunsAsync(id, 50)));
        await Task.WhenAll(deletes.Concat<Task>(reads)).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var id in ids.Take(4))
        {
            Assert.Empty(await Store.ListRunsAsync(id, 50));
        }

        foreach (var id in ids.Skip(4))
        {
            var runs = await Store.ListRunsAsync(id, 50);
            Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"{id}-run-{i:D2}"), runs.Select(r => r.Id));
            Assert.All(runs, r => Assert.Equal(ExportRunStatus.Success, r.Status));
        }

        Assert.Empty(await Store.ListRunsByStatusAsync(ExportRunStatus.Running));
        Assert.Equal(100, (await Store.ListRunsByStatusAsync(ExportRunStatus.Success)).Count);
    }

    [Fact]
    public async Task ParallelCreatesOfOneRunId_ExactlyOneSucceeds_OthersAreRejected()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var attempts = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.CreateRunAsync(NewRun("job-1", i % 2 == 0 ? "same" : $"unique-{i}", T0.AddSeconds(i)));
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(12 + 1, results.Count(ok => ok));
        Assert.Equal(13, (await Store.ListRunsAsync("job-1", 50)).Count);
        Assert.Single(await Store.ListRunsAsync("job-1", 50), r => r.Id == "same");
    }
}
