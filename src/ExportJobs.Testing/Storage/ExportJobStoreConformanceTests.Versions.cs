using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>Versioned compare-and-swap writes of jobs (<see cref="ExportJobStore.TryUpdateJobAsync"/>, <see cref="ExportJobStore.TryDeleteJobAsync"/>).</summary>
public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task TryUpdateJob_AtTheStoredVersion_WritesTheJobWithItsNewVersion()
    {
        var job = NewJob("job-1");
        await Store.CreateJobAsync(job);

        var changed = job with { Name = "Renamed", Version = job.Version + 1 };
        Assert.Equal(ExportJobWriteOutcome.Written, await Store.TryUpdateJobAsync(changed, job.Version));

        AssertSameJob(changed, await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task TryUpdateJob_AtAStaleVersion_WritesNothing()
    {
        var job = NewJob("job-1");
        await Store.CreateJobAsync(job);
        var first = job with { Name = "First", Version = job.Version + 1 };
        Assert.Equal(ExportJobWriteOutcome.Written, await Store.TryUpdateJobAsync(first, job.Version));

        var stale = job with { Active = true, Version = job.Version + 1 };
        Assert.Equal(ExportJobWriteOutcome.VersionMismatch, await Store.TryUpdateJobAsync(stale, job.Version));

        AssertSameJob(first, await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task TryUpdateJob_MissingJob_IsNotFoundAndCreatesNothing()
    {
        Assert.Equal(ExportJobWriteOutcome.NotFound, await Store.TryUpdateJobAsync(NewJob("ghost") with { Version = 2 }, 1));

        Assert.Null(await Store.GetJobAsync("ghost"));
    }

    [Fact]
    public async Task TryUpdateJob_ManyWritersFromTheSameVersion_ExactlyOneWins()
    {
        var job = NewJob("job-1");
        await Store.CreateJobAsync(job);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            Store.TryUpdateJobAsync(job with { Name = $"writer {i}", Version = job.Version + 1 }, job.Version)))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Single(outcomes, o => o == ExportJobWriteOutcome.Written);
        Assert.All(outcomes.Where(o => o != ExportJobWriteOutcome.Written), o => Assert.Equal(ExportJobWriteOutcome.VersionMismatch, o));
        var stored = await Store.GetJobAsync("job-1");
        Assert.Equal(job.Version + 1, stored!.Version);
        Assert.StartsWith("writer ", stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryUpdateJob_ConcurrentReadModifyWriteLoops_LoseNoIncrement()
    {
        await Store.CreateJobAsync(NewJob("job-1") with { Version = 1, Description = "0" });

        // Each writer adds one to the description, retrying on a lost race: with compare-and-swap none is lost.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                while (true)
                {
                    var current = (await Store.GetJobAsync("job-1"))!;
                    var next = current with { Description = (int.Parse(current.Description!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Version = current.Version + 1 };
                    if (await Store.TryUpdateJobAsync(next, current.Version) == ExportJobWriteOutcome.Written)
                    {
                        break;
                    }
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(120));

        var stored = await Store.GetJobAsync("job-1");
        Assert.Equal("80", stored!.Description);
        Assert.Equal(81, stored.Version);
    }

    [Fact]
    public async Task TryDeleteJob_AtAStaleVersion_KeepsTheJobAndItsRuns_AtTheStoredVersion_DeletesThem()
    {
        var job = NewJob("job-1");
        await Store.CreateJobAsync(job);
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0));

        Assert.Equal(ExportJobWriteOutcome.VersionMismatch, await Store.TryDeleteJobAsync("job-1", job.Version - 1));
        Assert.NotNull(await Store.GetJobAsync("job-1"));
        Assert.NotNull(await Store.GetRunAsync("run-1"));

        Assert.Equal(ExportJobWriteOutcome.Written, await Store.TryDeleteJobAsync("job-1", job.Version));
        Assert.Null(await Store.GetJobAsync("job-1"));
        Assert.Null(await Store.GetRunAsync("run-1"));
        Assert.Equal(ExportJobWriteOutcome.NotFound, await Store.TryDeleteJobAsync("job-1", job.Version));
    }
}
