using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests;

/// <summary><c>GET /export-jobs/{id}/runs?limit=&amp;before=&amp;status=</c> on Kestrel, with retention pruning in the background.</summary>
public sealed class RunPagingTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(exportJobs: b => b.Services.Configure<ExportJobsOptions>(o => o.Retention.Interval = TimeSpan.FromSeconds(1)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// 5,000 runs, walked 100 at a time through the <c>Link</c> header while new runs are recorded after every page; the
    /// job keeps 5,000 runs, so the background pruner deletes the oldest meanwhile. Every old run is seen exactly once
    /// unless retention deleted it before the walk got there (those are the oldest), and the walk is strictly newest first.
    /// </summary>
    [Fact]
    public async Task Walk_5000RunsWhileNewOnesArriveAndRetentionPrunes_EveryOldRunOnceStrictlyNewestFirst()
    {
        var jobId = await CreateJobAsync(new JsonObject { ["maxRuns"] = 5_000 });
        var old = await SeedRunsAsync(jobId, 5_000);
        var seen = new List<(string Id, DateTimeOffset StartedAt)>();
        var url = $"/export-jobs/{jobId}/runs?limit=100";
        var pages = 0;
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.ReadJsonAsync()).AsArray();
            seen.AddRange(page.Select(r => (r!["id"]!.GetValue<string>(), r["startedAt"]!.GetValue<DateTimeOffset>())));
            url = response.NextLink();
            Assert.True(page.Count == 100 || url is null, "A page short of the limit has a next link.");
            pages++;
            for (var i = 0; i < 10; i++)
            {
                var recorded = await Client.PostJsonAsync($"/export-jobs/{jobId}/runs", new JsonObject { ["status"] = "success", ["startedAt"] = DateTimeOffset.UtcNow.ToString("o") });
                Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
            }

            if (pages == 25)
            {
                // Retention is active: the 250 runs recorded so far have pushed as many of the oldest out.
                await WaitUntilAsync(async () => (await _host.Store.ListRunsAsync(jobId, 10_000)).Count <= 5_000, "the pruner did not keep the job at 5,000 runs");
            }
        }

        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.StartedAt > p.Second.StartedAt || (p.First.StartedAt == p.Second.StartedAt && string.CompareOrdinal(p.First.Id, p.Second.Id) > 0)), "The walk is not strictly newest first.");
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        var seenIds = seen.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var stored = (await _host.Store.ListRunsAsync(jobId, 10_000)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var oldSeen = old.Where(r => seenIds.Contains(r.Id)).ToList();
        var pruned = old.Where(r => !seenIds.Contains(r.Id)).ToList();
        Assert.All(old.Where(r => stored.Contains(r.Id)), r => Assert.Contains(r.Id, seenIds));
        Assert.True(pruned.Count > 0, "Retention pruned none of the old runs during the walk.");
        Assert.All(pruned, r => Assert.DoesNotContain(r.Id, stored));
        Assert.True(pruned.Max(r => r.StartedAt) < oldSeen.Min(r => r.StartedAt), "Retention pruned a run newer than one it kept.");
        Assert.Equal(old.Select(r => r.Id).Reverse().Take(oldSeen.Count), oldSeen.Select(r => r.Id).Reverse());
    }

    [Fact]
    public async Task NextPage_AfterTheCursorRunWasPruned_ContinuesBelowIt()
    {
        var jobId = await CreateJobAsync(retention: null);
        var runs = await SeedRunsAsync(jobId, 30);
        var first = (await (await Client.GetAsync($"/export-jobs/{jobId}/runs?limit=10")).ReadJsonAsync()).AsArray();
        var cursor = first[^1]!["id"]!.GetValue<string>();
        Assert.Equal(runs[20].Id, cursor);

        // A pruning batch takes everything from the cursor down (the 9 newest stay); then a run below the cursor is recorded.
        Assert.Equal(21, await _host.Store.PruneRunsAsync(jobId, new ExportRunPruning(9, null), 100));
        Assert.Null(await _host.Store.GetRunAsync(cursor));
        var below = Run(jobId, runs[20].StartedAt.AddMilliseconds(-500), null);
        await _host.Store.CreateRunAsync(below);

        var response = await Client.GetAsync($"/export-jobs/{jobId}/runs?limit=10&before={cursor}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(below.Id, Assert.Single(next)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_FiltersThePages()
    {
        var jobId = await CreateJobAsync(retention: null);
        var runs = await SeedRunsAsync(jobId, 9, i => i % 3 == 0 ? ExportRunStatus.Failed : ExportRunStatus.Success);

        var first = await Client.GetAsync($"/export-jobs/{jobId}/runs?status=failed&limit=2");
        var page = (await first.ReadJsonAsync()).AsArray();
        var second = (await (await Client.GetAsync(first.NextLink())).ReadJsonAsync()).AsArray();

        Assert.Equal([runs[6].Id, runs[3].Id], page.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal([runs[0].Id], second.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Contains("status=failed", first.NextLink(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("status=success&status=failed", "status")]
    [InlineData("status=Success", "status")]
    [InlineData("before=", "before")]
    [InlineData("before=not-a-run-id", "before")]
    [InlineData("before=0123456789ab4def8123456789abcdef", "before")]
    [InlineData("before=0123456789AB7DEF8123456789ABCDEF", "before")]
    [InlineData("before=a&before=b", "before")]
    public async Task BadCursorOrStatus_Is400NamingTheParameter(string query, string field)
    {
        var jobId = await CreateJobAsync(retention: null);

        var response = await Client.GetAsync($"/export-jobs/{jobId}/runs?{query}&limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"No error under '{field}': {errors.ToJsonString()}");
        Assert.True(errors.ContainsKey("limit"), $"Not every bad parameter is reported: {errors.ToJsonString()}");
    }

    [Fact]
    public async Task CursorThatNamesNoRun_StandsForTheInstantInItsId()
    {
        var jobId = await CreateJobAsync(retention: null);
        var runs = await SeedRunsAsync(jobId, 4);
        var between = Guid.CreateVersion7(runs[1].StartedAt.AddMilliseconds(500)).ToString("N");

        var page = (await (await Client.GetAsync($"/export-jobs/{jobId}/runs?before={between}")).ReadJsonAsync()).AsArray();

        Assert.Equal([runs[1].Id, runs[0].Id], page.Select(r => r!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retention_IsPartOfTheJob_AndBadValuesAre400WithEveryField()
    {
        var created = await Client.CreateJobAsync(WithRetention(new JsonObject { ["maxRuns"] = 10 }));
        Assert.Equal(10, created["retention"]!["maxRuns"]!.GetValue<int>());
        Assert.Null(created["retention"]!["maxAgeDays"]);
        var plain = await Client.CreateJobAsync(JobBodies.Valid());
        Assert.Null(plain["retention"]);

        var response = await Client.PostJsonAsync("/export-jobs", WithRetention(new JsonObject { ["maxRuns"] = 0, ["maxAgeDays"] = "a week" }));
        var shapeBody = JobBodies.Valid();
        shapeBody["retention"] = 5;
        var wrongShape = await Client.PostJsonAsync("/export-jobs", shapeBody);
        var tooOld = await Client.PostJsonAsync("/export-jobs", WithRetention(new JsonObject { ["maxRuns"] = -1, ["maxAgeDays"] = 0 }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("retention.maxRuns") && errors.ContainsKey("retention.maxAgeDays"), errors.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.True((await wrongShape.ReadJsonAsync())["errors"]!.AsObject().ContainsKey("retention"));
        var both = (await tooOld.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(both.ContainsKey("retention.maxRuns") && both.ContainsKey("retention.maxAgeDays"), both.ToJsonString());
    }

    private static JsonObject WithRetention(JsonObject retention)
    {
        var body = JobBodies.Valid();
        body["retention"] = retention;
        return body;
    }

    private async Task<string> CreateJobAsync(JsonObject? retention)
    {
        var body = JobBodies.Valid();
        body["retention"] = retention;
        return (await Client.CreateJobAsync(body))["id"]!.GetValue<string>();
    }

    /// <summary>Stores <paramref name="count"/> finished runs a second apart, ending a day ago; oldest first.</summary>
    private async Task<List<ExportRun>> SeedRunsAsync(string jobId, int count, Func<int, ExportRunStatus>? status = null)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1).AddSeconds(-count);
        var runs = Enumerable.Range(0, count)
            .Select(i => Run(jobId, start.AddSeconds(i), null) with { Status = status?.Invoke(i) ?? ExportRunStatus.Success })
            .ToList();
        foreach (var chunk in runs.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(r => _host.Store.CreateRunAsync(r)));
        }

        return runs;
    }

    private static ExportRun Run(string jobId, DateTimeOffset startedAt, string? id) => new()
    {
        Id = id ?? Guid.CreateVersion7(startedAt).ToString("N"),
        JobId = jobId,
        Status = ExportRunStatus.Success,
        StartedAt = startedAt,
        CompletedAt = startedAt,
        Trigger = ExportRunTrigger.Schedule,
    };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
