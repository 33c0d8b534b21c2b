using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class RunEndpointsTests : ApiTestBase
{
    [Fact]
    public async Task RecordRun_Returns201_WithTheRun()
    {
        var id = await CreateJobAsync();
        var body = new JsonObject
        {
            ["status"] = "success",
            ["startedAt"] = "2026-11-30T02:00:00+01:00",
            ["completedAt"] = "2026-11-30T02:03:10+01:00",
            ["recordCount"] = 1234,
            ["fileSize"] = 56789,
            ["destinationPath"] = "s3://bucket/products.csv",
        };

        var response = await Client.PostJsonAsync($"/export-jobs/{id}/runs", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await response.ReadJsonAsync();
        var runId = run["id"]!.GetValue<string>();
        Assert.Equal($"/export-jobs/{id}/runs/{runId}", response.Headers.Location!.OriginalString);
        Assert.Equal(id, run["jobId"]!.GetValue<string>());
        Assert.Equal("success", run["status"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T01:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse(run["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(1234, run["recordCount"]!.GetValue<long>());
        Assert.Equal(56789, run["fileSize"]!.GetValue<long>());
        Assert.Equal("s3://bucket/products.csv", run["destinationPath"]!.GetValue<string>());
        Assert.Null(run["error"]);
        var fetched = await (await Client.GetAsync($"/export-jobs/{id}/runs/{runId}")).ReadJsonAsync();
        Assert.Equal(runId, fetched["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecordRun_Failed_KeepsTheError_AndDefaultsCompletedAt()
    {
        var id = await CreateJobAsync();

        var run = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = "bucket missing" })).ReadJsonAsync();

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("bucket missing", run["error"]!.GetValue<string>());
        Assert.NotNull(run["completedAt"]);
    }

    [Fact]
    public async Task RecordRun_Running_HasNoCompletedAt()
    {
        var id = await CreateJobAsync();

        var run = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running" })).ReadJsonAsync();

        Assert.Equal("running", run["status"]!.GetValue<string>());
        Assert.Null(run["completedAt"]);
    }

    [Fact]
    public async Task RecordRun_InvalidFields_AreAllReported()
    {
        var id = await CreateJobAsync();
        var body = new JsonObject
        {
            ["status"] = "done",
            ["startedAt"] = "yesterday",
            ["recordCount"] = "many",
            ["fileSize"] = 1.5,
        };

        var response = await Client.PostJsonAsync($"/export-jobs/{id}/runs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["fileSize", "recordCount", "startedAt", "status"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await Host.Store.ListRunsAsync(id, 10));
    }

    [Fact]
    public async Task RecordRun_InconsistentTimes_Are400()
    {
        var id = await CreateJobAsync();

        var running = await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running", ["completedAt"] = "2026-01-01T00:00:00Z" });
        var backwards = await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["startedAt"] = "2026-01-02T00:00:00Z", ["completedAt"] = "2026-01-01T00:00:00Z" });
        var negative = await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["recordCount"] = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, running.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task RecordRun_UnknownJob_Is404()
    {
        var response = await Client.PostJsonAsync("/export-jobs/nope/runs", new JsonObject { ["status"] = "success" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ListRuns_IsMostRecentFirst_WithDefaultLimit50()
    {
        var id = await CreateJobAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 55; i++)
        {
            await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["startedAt"] = start.AddMinutes(i).ToString("O", CultureInfo.InvariantCulture) });
        }

        var runs = (JsonArray)await (await Client.GetAsync($"/export-jobs/{id}/runs")).ReadJsonAsync();

        Assert.Equal(50, runs.Count);
        var starts = runs.Select(r => DateTimeOffset.Parse(r!["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(start.AddMinutes(54), starts[0]);
        Assert.Equal(starts.OrderByDescending(s => s), starts);
    }

    [Fact]
    public async Task ListRuns_HonoursLimit_AndShowsLastRunOnTheJob()
    {
        var id = await CreateJobAsync();
        await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["startedAt"] = "2026-01-01T00:00:00Z" });
        var newest = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["startedAt"] = "2026-01-02T00:00:00Z" })).ReadJsonAsync();

        var runs = (JsonArray)await (await Client.GetAsync($"/export-jobs/{id}/runs?limit=1")).ReadJsonAsync();
        var job = await (await Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync();

        Assert.Single(runs);
        Assert.Equal(newest["id"]!.GetValue<string>(), runs[0]!["id"]!.GetValue<string>());
        Assert.Equal(newest["id"]!.GetValue<string>(), job["lastRun"]!["id"]!.GetValue<string>());
        Assert.Equal("success", job["lastRun"]!["status"]!.GetValue<string>());
        Assert.NotNull(job["lastRun"]!["startedAt"]);
    }

    [Fact]
    public async Task JobList_LastRun_CarriesItsEnd_AndTheFirstCharactersOfItsError()
    {
        var id = await CreateJobAsync();
        var error = "The bucket refused the upload: " + new string('x', 600);
        await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject
        {
            ["status"] = "failed",
            ["startedAt"] = "2026-01-02T00:00:00Z",
            ["completedAt"] = "2026-01-02T00:00:07Z",
            ["error"] = error,
        });

        var list = (JsonArray)await (await Client.GetAsync("/export-jobs")).ReadJsonAsync();
        var lastRun = list.Single(j => j!["id"]!.GetValue<string>() == id)!["lastRun"]!;

        Assert.Equal("failed", lastRun["status"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T00:00:07Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse(lastRun["completedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var shown = lastRun["error"]!.GetValue<string>();
        Assert.Equal(300, shown.Length);
        Assert.StartsWith("The bucket refused the upload: xxx", shown, StringComparison.Ordinal);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        // The run itself keeps the whole error.
        var runs = (JsonArray)await (await Client.GetAsync($"/export-jobs/{id}/runs")).ReadJsonAsync();
        Assert.Equal(error, runs[0]!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("99999999999999")]
    public async Task ListRuns_BadLimit_Is400(string limit)
    {
        var id = await CreateJobAsync();

        var response = await Client.GetAsync($"/export-jobs/{id}/runs?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["limit"]);
    }

    [Fact]
    public async Task ListRuns_Limit1000_IsAccepted()
    {
        var id = await CreateJobAsync();

        var response = await Client.GetAsync($"/export-jobs/{id}/runs?limit=1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ListRuns_UnknownJob_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/export-jobs/nope/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/export-jobs/nope/runs/nope")).StatusCode);
    }

    private async Task<string> CreateJobAsync() =>
        (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
}
