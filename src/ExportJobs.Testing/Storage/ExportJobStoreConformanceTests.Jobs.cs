using System.Text.Json.Nodes;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

public abstract partial class ExportJobStoreConformanceTests
{
    [Fact]
    public async Task CreateJob_ThenGet_RoundTripsEveryField()
    {
        var job = NewJob("job-1");

        await Store.CreateJobAsync(job);

        AssertSameJob(job, await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task JobExists_IsTrueOnlyForStoredJobs_AndIsCaseSensitive()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.True(await Store.JobExistsAsync("job-1"));
        Assert.False(await Store.JobExistsAsync("JOB-1"));
        Assert.False(await Store.JobExistsAsync("job-2"));
        await Store.DeleteJobAsync("job-1");
        Assert.False(await Store.JobExistsAsync("job-1"));
    }

    [Fact]
    public async Task CreateJob_WithOptionalFieldsEmpty_RoundTripsNulls()
    {
        var job = NewJob("job-1") with
        {
            Description = null,
            SchemaId = null,
            CatalogId = null,
            DimensionScope = null,
            TimeZone = null,
            PausedReason = null,
            DestinationConfig = [],
            Active = true,
            Mode = ExportMode.Full,
            Columns = null,
            Headers = ExportHeaders.Codes,
        };

        await Store.CreateJobAsync(job);

        AssertSameJob(job, await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task CreateJob_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        var first = NewJob("job-1");
        await Store.CreateJobAsync(first);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateJobAsync(NewJob("job-1") with { Name = "Second" }));

        AssertSameJob(first, await Store.GetJobAsync("job-1"));
        Assert.Single(await Store.ListJobsAsync());
    }

    [Fact]
    public async Task GetJob_Unknown_ReturnsNull()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.Null(await Store.GetJobAsync("job-2"));
    }

    [Fact]
    public async Task JobIds_AreCaseSensitiveAndExact()
    {
        string[] ids = ["abc", "ABC", "abc ", "a|b", "a", "a|", "ä", "job/1"];
        foreach (var id in ids)
        {
            await Store.CreateJobAsync(NewJob(id) with { Name = $"name of {id}" });
        }

        foreach (var id in ids)
        {
            Assert.Equal($"name of {id}", (await Store.GetJobAsync(id))?.Name);
        }

        Assert.Null(await Store.GetJobAsync("Abc"));
        Assert.Equal(ids.Length, (await Store.ListJobsAsync()).Count);
    }

    [Fact]
    public async Task ListJobs_ReturnsOldestFirst_TiesById()
    {
        await Store.CreateJobAsync(NewJob("c", T0.AddHours(1)));
        await Store.CreateJobAsync(NewJob("b", T0.AddHours(1).ToOffset(TimeSpan.FromHours(-8))));
        await Store.CreateJobAsync(NewJob("z", T0.AddHours(-1).ToOffset(TimeSpan.FromHours(5))));
        await Store.CreateJobAsync(NewJob("a", T0.AddHours(2)));

        var jobs = await Store.ListJobsAsync();

        Assert.Equal(["z", "b", "c", "a"], jobs.Select(j => j.Id));
    }

    [Fact]
    public async Task ListJobs_Empty_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListJobsAsync());
    }

    [Fact]
    public async Task UpdateJob_ReplacesEveryField()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var changed = NewJob("job-1") with
        {
            Name = "Renamed",
            DestinationType = "webhook",
            DestinationConfig = new JsonObject { ["url"] = "http://127.0.0.1:1/hook", ["headers"] = new JsonObject { ["X-A"] = "1" } },
            DimensionScope = new Dictionary<string, string> { ["dim-market"] = "seg-de" },
            Active = true,
            PausedReason = null,
            UpdatedAt = T0.AddDays(1),
        };

        Assert.True(await Store.UpdateJobAsync(changed));

        AssertSameJob(changed, await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task UpdateJob_Unknown_ReturnsFalseAndCreatesNothing()
    {
        Assert.False(await Store.UpdateJobAsync(NewJob("job-1")));

        Assert.Null(await Store.GetJobAsync("job-1"));
        Assert.Empty(await Store.ListJobsAsync());
    }

    [Fact]
    public async Task DeleteJob_RemovesTheJobItsRunsAndItsClaims()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(NewRun("job-1", "run-1", T0));
        await Store.CreateRunAsync(NewRun("job-1", "run-2", T0.AddMinutes(1), ExportRunStatus.Success));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-a"));

        Assert.True(await Store.DeleteJobAsync("job-1"));

        Assert.Null(await Store.GetJobAsync("job-1"));
        Assert.Null(await Store.GetRunAsync("run-1"));
        Assert.Null(await Store.GetRunAsync("run-2"));
        Assert.Empty(await Store.ListRunsAsync("job-1", 10));
        Assert.Null(await Store.GetLatestRunAsync("job-1"));
        Assert.Empty(await Store.ListRunsByStatusAsync(ExportRunStatus.Running));
        Assert.Null(await Store.GetLastClaimedOccurrenceAsync("job-1"));
        Assert.True(await Store.TryClaimOccurrenceAsync("job-1", T0, "host-b"));
    }

    [Fact]
    public async Task DeleteJob_KeepsOtherJobsAndTheirRuns()
    {
        string[] ids = ["a", "a|", "a|b", "A", "ab"];
        foreach (var id in ids)
        {
            await Store.CreateJobAsync(NewJob(id));
            await Store.CreateRunAsync(NewRun(id, $"run-of-{id}", T0));
            Assert.True(await Store.TryClaimOccurrenceAsync(id, T0, "host"));
        }

        Assert.True(await Store.DeleteJobAsync("a"));

        foreach (var id in ids.Skip(1))
        {
            Assert.NotNull(await Store.GetJobAsync(id));
            Assert.Equal([$"run-of-{id}"], (await Store.ListRunsAsync(id, 10)).Select(r => r.Id));
            Assert.Equal(T0, await Store.GetLastClaimedOccurrenceAsync(id));
        }
    }

    [Fact]
    public async Task DeleteJob_Unknown_ReturnsFalse()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.False(await Store.DeleteJobAsync("job-2"));
        Assert.NotNull(await Store.GetJobAsync("job-1"));
    }

    [Fact]
    public async Task DeleteJob_Twice_SecondReturnsFalse()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.True(await Store.DeleteJobAsync("job-1"));
        Assert.False(await Store.DeleteJobAsync("job-1"));
    }
}
