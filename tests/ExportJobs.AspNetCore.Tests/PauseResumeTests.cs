using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class PauseResumeTests : ApiTestBase
{
    [Fact]
    public async Task Pause_StopsTheSchedule_KeepsTheConfiguration()
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        var response = await Client.PostAsync($"/export-jobs/{id}/pause", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await response.ReadJsonAsync();
        Assert.False(job["active"]!.GetValue<bool>());
        Assert.Null(job["nextRunAt"]);
        Assert.Null(job["pausedReason"]);
        Assert.Equal("0 2 * * *", job["schedule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pause_Twice_IsNoOp()
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        var first = await (await Client.PostAsync($"/export-jobs/{id}/pause", null)).ReadJsonAsync();

        var second = await Client.PostAsync($"/export-jobs/{id}/pause", null);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var job = await second.ReadJsonAsync();
        Assert.False(job["active"]!.GetValue<bool>());
        Assert.Equal(first["updatedAt"]!.GetValue<string>(), job["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resume_RestoresNextRun_AndResumingAnActiveJobIsNoOp()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        var noop = await Client.PostAsync($"/export-jobs/{id}/resume", null);
        Assert.Equal(HttpStatusCode.OK, noop.StatusCode);
        Assert.Equal(created["updatedAt"]!.GetValue<string>(), (await noop.ReadJsonAsync())["updatedAt"]!.GetValue<string>());
        await Client.PostAsync($"/export-jobs/{id}/pause", null);

        var resumed = await Client.PostAsync($"/export-jobs/{id}/resume", null);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var job = await resumed.ReadJsonAsync();
        Assert.True(job["active"]!.GetValue<bool>());
        Assert.Equal(created["nextRunAt"]!.GetValue<string>(), job["nextRunAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task PauseOrResume_Unknown_Is404(string action)
    {
        var response = await Client.PostAsync($"/export-jobs/unknown/{action}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task PutWithActiveFalse_Pauses()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        var body = JobBodies.Valid();
        body["active"] = false;

        var job = await (await Client.PutJsonAsync($"/export-jobs/{id}", body)).ReadJsonAsync();

        Assert.False(job["active"]!.GetValue<bool>());
        Assert.Null(job["nextRunAt"]);
    }
}
