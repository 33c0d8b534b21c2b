using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// <c>GET /export-jobs/{id}/overview</c>: a job's page in one answer (the job as its GET, its newest runs as the runs
/// endpoint, whether older runs exist, its schedule with the next five runs), the job's ETag; 404 and 400 as problem details.
/// </summary>
public sealed class JobOverviewTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Overview_IsTheJobItsNewestRunsAndItsSchedule_AsTheirOwnEndpointsAnswer()
    {
        var id = (await _host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            (await _host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["recordCount"] = i })).EnsureSuccessStatusCode();
        }

        using var response = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}/overview?limit=2", UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var overview = JsonNode.Parse(text)!;
        using var get = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}", UriKind.Relative));
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
        Assert.Equal(JsonNode.Parse(await get.Content.ReadAsStringAsync())!.ToJsonString(), overview["job"]!.ToJsonString());
        Assert.Equal("********", overview["job"]!["destinationConfig"]!["token"]!.GetValue<string>());
        Assert.DoesNotContain("s3cr3t-token-value", text, StringComparison.Ordinal);
        var runs = (await _host.Client.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{id}/runs?limit=2", UriKind.Relative)))!;
        Assert.Equal(runs.ToJsonString(), overview["runs"]!.ToJsonString());
        Assert.True(overview["moreRuns"]!.GetValue<bool>());
        var schedule = (await _host.Client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}/schedule", UriKind.Relative)))!;
        Assert.Equal(schedule.ToJsonString(), overview["schedule"]!.ToJsonString());
        Assert.Equal(5, overview["schedule"]!["nextRuns"]!.AsArray().Count);
        Assert.Null(overview["scheduleProblem"]);

        // moreRuns is exact: three runs on a page of three have no older page.
        var all = (await _host.Client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}/overview?limit=3", UriKind.Relative)))!;
        Assert.Equal(3, all["runs"]!.AsArray().Count);
        Assert.False(all["moreRuns"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Overview_OfAJobWithoutRuns_HasNoRuns_AndTheDefaultLimit()
    {
        var id = (await _host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        var overview = (await _host.Client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}/overview", UriKind.Relative)))!;

        Assert.Empty(overview["runs"]!.AsArray());
        Assert.False(overview["moreRuns"]!.GetValue<bool>());
        Assert.Equal(id, overview["job"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StoredScheduleTheRulesRefuse_IsNoFailure_TheOverviewSaysWhy()
    {
        var id = (await _host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        // Stored before the rules changed: written past the API, as an older release or another host might have.
        var stored = (await _host.Store.GetJobAsync(id))!;
        Assert.Equal(ExportJobs.Extensibility.ExportJobWriteOutcome.Written, await _host.Store.TryUpdateJobAsync(stored with { TimeZone = "Mars/Olympus_Mons", Version = stored.Version + 1 }, stored.Version));

        using var response = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}/overview", UriKind.Relative));
        using var schedule = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}/schedule", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var overview = await response.ReadJsonAsync();
        Assert.Null(overview["schedule"]);
        Assert.Equal((await schedule.ReadJsonAsync())["detail"]!.GetValue<string>(), overview["scheduleProblem"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownJob_Is404_AndABadLimitIs400_AsProblemDetails()
    {
        var id = (await _host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        using var missing = await _host.Client.GetAsync(new Uri("/export-jobs/no-such-job/overview", UriKind.Relative));
        using var zero = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}/overview?limit=0", UriKind.Relative));
        using var word = await _host.Client.GetAsync(new Uri($"/export-jobs/{id}/overview?limit=many", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        foreach (var bad in new[] { zero, word })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.ReadJsonAsync())["errors"]!.AsObject().ContainsKey("limit"));
        }
    }
}
