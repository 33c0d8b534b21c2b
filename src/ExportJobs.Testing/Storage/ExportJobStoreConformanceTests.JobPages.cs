using ExportJobs.Extensibility;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>Pages of the job list (<see cref="ExportJobStore.ListJobsAsync(ExportJobQuery, CancellationToken)"/>): id order, a cursor that is a position.</summary>
public abstract partial class ExportJobStoreConformanceTests
{
    /// <summary>Ids that sort differently by creation time, by culture and ignoring case than ordinally.</summary>
    private static readonly string[] PagedIds = ["b", "B", "a-2", "a|1", "a", "A", "a1", "Z", "job-é", "0"];

    [Fact]
    public async Task ListJobPages_AreInOrdinalIdOrder_WhateverTheCreationOrder()
    {
        for (var i = 0; i < PagedIds.Length; i++)
        {
            await Store.CreateJobAsync(NewJob(PagedIds[i], T0.AddMinutes(-i)));
        }

        var walked = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var jobs = await Store.ListJobsAsync(new ExportJobQuery { Limit = 3, After = after });
            Assert.True(jobs.Count <= 3, $"A page of 3 held {jobs.Count} jobs.");
            walked.AddRange(jobs.Select(j => j.Id));
            if (jobs.Count < 3)
            {
                break;
            }

            after = jobs[^1].Id;
        }

        Assert.Equal(PagedIds.Order(StringComparer.Ordinal), walked);
    }

    [Fact]
    public async Task ListJobPages_ReturnWholeJobs()
    {
        var job = NewJob("job-1");
        await Store.CreateJobAsync(job);

        var page = await Store.ListJobsAsync(new ExportJobQuery { Limit = 10 });

        AssertSameJob(job, Assert.Single(page));
    }

    [Fact]
    public async Task ListJobPages_AfterADeletedJob_StartAtItsPosition()
    {
        foreach (var id in new[] { "job-1", "job-2", "job-3", "job-4" })
        {
            await Store.CreateJobAsync(NewJob(id));
        }

        await Store.DeleteJobAsync("job-2");
        var next = await Store.ListJobsAsync(new ExportJobQuery { Limit = 10, After = "job-2" });
        var beforeAll = await Store.ListJobsAsync(new ExportJobQuery { Limit = 10, After = "job-" });
        var afterAll = await Store.ListJobsAsync(new ExportJobQuery { Limit = 10, After = "job-4" });

        Assert.Equal(["job-3", "job-4"], next.Select(j => j.Id));
        Assert.Equal(["job-1", "job-3", "job-4"], beforeAll.Select(j => j.Id));
        Assert.Empty(afterAll);
    }

    [Fact]
    public async Task ListJobPages_StopAtTheLimit()
    {
        for (var i = 0; i < 25; i++)
        {
            await Store.CreateJobAsync(NewJob($"job-{i:D2}", T0.AddSeconds(i)));
        }

        var first = await Store.ListJobsAsync(new ExportJobQuery { Limit = 1 });
        var middle = await Store.ListJobsAsync(new ExportJobQuery { Limit = 10, After = "job-07" });

        Assert.Equal(["job-00"], first.Select(j => j.Id));
        Assert.Equal(Enumerable.Range(8, 10).Select(i => $"job-{i:D2}"), middle.Select(j => j.Id));
    }

    /// <summary>What a store remembers of its jobs (listed once, then listed again) follows every write.</summary>
    [Fact]
    public async Task ListJobs_AskedAgain_FollowsEveryWrite()
    {
        await Store.CreateJobAsync(NewJob("job-1", T0));
        Assert.Equal(["job-1"], (await Store.ListJobsAsync()).Select(j => j.Id));

        await Store.CreateJobAsync(NewJob("job-2", T0.AddMinutes(1)));
        await Store.CreateJobAsync(NewJob("job-0", T0.AddMinutes(-1)));
        Assert.Equal(["job-0", "job-1", "job-2"], (await Store.ListJobsAsync()).Select(j => j.Id));

        var job1 = (await Store.GetJobAsync("job-1"))!;
        Assert.Equal(ExportJobWriteOutcome.Written, await Store.TryUpdateJobAsync(job1 with { Name = "Renamed", Version = job1.Version + 1 }, job1.Version));
        Assert.True(await Store.UpdateJobAsync(NewJob("job-2", T0.AddMinutes(1)) with { Active = false, PausedReason = "paused" }));
        Assert.True(await Store.DeleteJobAsync("job-0"));
        var listed = await Store.ListJobsAsync();

        Assert.Equal(["job-1", "job-2"], listed.Select(j => j.Id));
        AssertSameJob((await Store.GetJobAsync("job-1"))!, listed[0]);
        AssertSameJob((await Store.GetJobAsync("job-2"))!, listed[1]);
        Assert.Equal("Renamed", listed[0].Name);
        Assert.Equal("paused", listed[1].PausedReason);
    }

    [Fact]
    public async Task ListJobs_ChangesToAListedJobsSettings_DoNotReachTheStore()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var first = (await Store.ListJobsAsync()).Single();

        first.DestinationConfig["bucket"] = "changed by the caller";
        first.DestinationConfig.Remove("port");

        AssertSameJob(NewJob("job-1"), (await Store.ListJobsAsync()).Single());
    }

    [Fact]
    public async Task GetJobAndPages_ChangesToAReturnedJobsSettings_DoNotReachTheStore()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        _ = await Store.ListJobsAsync(); // a store that keeps the list in memory has it now
        var got = (await Store.GetJobAsync("job-1"))!;
        var paged = (await Store.ListJobsAsync(new ExportJobQuery { Limit = 10 })).Single();

        got.DestinationConfig["bucket"] = "changed by the caller";
        paged.DestinationConfig.Remove("port");

        AssertSameJob(NewJob("job-1"), await Store.GetJobAsync("job-1"));
        AssertSameJob(NewJob("job-1"), (await Store.ListJobsAsync(new ExportJobQuery { Limit = 10 })).Single());
        AssertSameJob(NewJob("job-1"), (await Store.ListJobsAsync()).Single());
    }
}
