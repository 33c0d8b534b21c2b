using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Lifecycle;

/// <summary><c>POST …/runs/{runId}/cancel</c> and <c>POST …/pause?cancelRunning=true</c> through Kestrel.</summary>
public sealed class RunCancelTests
{
    [Fact]
    public async Task Cancel_RunningMidExport_202ThenFailedCancelled_NothingPublished_NoSpoolFile()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        var jobId = await api.CreateJobAsync();
        var runId = await api.TriggerAsync(jobId);
        api.Source.Release(3000);
        await api.WaitForRunAsync(jobId, runId, r => r["progress"]?["recordsWritten"]?.GetValue<long>() >= 3000, "3000 records are written");
        Assert.Single(api.SpoolFiles);

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.Equal((runId, "running", true), (accepted["id"]!.GetValue<string>(), accepted["status"]!.GetValue<string>(), accepted["cancelled"]!.GetValue<bool>()));
        var finished = await api.WaitUntilFinishedAsync(jobId, runId);
        Assert.Equal("failed", finished["status"]!.GetValue<string>());
        Assert.True(finished["cancelled"]!.GetValue<bool>());
        Assert.Equal("exporter", finished["cancelledBy"]!.GetValue<string>());
        Assert.StartsWith("Cancelled on request by exporter", finished["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(finished["progress"]);
        Assert.Empty(api.Destination.Published);
        Assert.Empty(api.SpoolFiles);
    }

    [Fact]
    public async Task Cancel_WhileTheDestinationWaitsToPublish_FailedCancelled_NothingPublished()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        api.Destination.HoldBeforePublish = true;
        api.Source.ReleaseAll();
        var jobId = await api.CreateJobAsync(compress: true);
        var runId = await api.TriggerAsync(jobId);
        await api.Destination.ReadyToPublish.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(api.SpoolFiles);

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var finished = await api.WaitUntilFinishedAsync(jobId, runId);
        Assert.Equal(("failed", true), (finished["status"]!.GetValue<string>(), finished["cancelled"]!.GetValue<bool>()));
        Assert.Contains("delivering", finished["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(api.Destination.Published);
        Assert.Empty(api.SpoolFiles);
    }

    [Fact]
    public async Task Cancel_AfterPublish_409TooLate_AndTheRunSucceeds()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        api.Destination.HoldAfterPublish = true;
        api.Source.ReleaseAll();
        var jobId = await api.CreateJobAsync();
        var runId = await api.TriggerAsync(jobId);
        await api.Destination.PublishedOnce.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Too late to cancel the run.", (await response.ReadJsonAsync())["title"]!.GetValue<string>());
        api.Destination.ReleaseFinish.SetResult();
        var finished = await api.WaitUntilFinishedAsync(jobId, runId);
        Assert.Equal(("success", false), (finished["status"]!.GetValue<string>(), finished["cancelled"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Cancel_FinishedRun_409Problem()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        api.Source.ReleaseAll();
        var jobId = await api.CreateJobAsync();
        var runId = await api.TriggerAsync(jobId);
        await api.WaitUntilFinishedAsync(jobId, runId);

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The run has already ended.", (await response.ReadJsonAsync())["title"]!.GetValue<string>());
        Assert.Equal("success", (await api.GetRunAsync(jobId, runId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_UnknownJobOrRun_404Problem()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        api.Source.ReleaseAll();
        var jobId = await api.CreateJobAsync();
        var otherJob = await api.CreateJobAsync();
        var runId = await api.TriggerAsync(jobId);
        await api.WaitUntilFinishedAsync(jobId, runId);

        foreach (var url in new[] { $"/export-jobs/{jobId}/runs/unknown/cancel", $"/export-jobs/unknown/runs/{runId}/cancel", $"/export-jobs/{otherJob}/runs/{runId}/cancel" })
        {
            var response = await api.Client.PostAsync(url, null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Cancel_RunOfAnExternalRunner_FailsItAtOnce()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        var jobId = await api.CreateJobAsync();
        var recorded = await (await api.Client.PostJsonAsync($"/export-jobs/{jobId}/runs", new JsonObject { ["status"] = "running" })).ReadJsonAsync();
        var runId = recorded["id"]!.GetValue<string>();

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await api.GetRunAsync(jobId, runId);
        Assert.Equal(("failed", true, "Cancelled on request by exporter"), (run["status"]!.GetValue<string>(), run["cancelled"]!.GetValue<bool>(), run["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PauseWithCancelRunning_PausesAndCancelsTheRun_PlainPauseLetsItRun()
    {
        await using var api = await RunLifecycleApi.StartAsync();
        var jobId = await api.CreateJobAsync();
        var runId = await api.TriggerAsync(jobId);
        api.Source.Release(100);
        await api.WaitForRunAsync(jobId, runId, r => r["progress"]?["recordsWritten"]?.GetValue<long>() >= 100, "100 records are written");

        var plain = await api.Client.PostAsync($"/export-jobs/{jobId}/pause", null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("running", (await api.GetRunAsync(jobId, runId))["status"]!.GetValue<string>());
        var bad = await api.Client.PostAsync($"/export-jobs/{jobId}/pause?cancelRunning=maybe", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.ReadJsonAsync())["errors"]!["cancelRunning"]);

        var response = await api.Client.PostAsync($"/export-jobs/{jobId}/pause?cancelRunning=true", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.ReadJsonAsync())["active"]!.GetValue<bool>());
        var finished = await api.WaitUntilFinishedAsync(jobId, runId);
        Assert.Equal(("failed", true), (finished["status"]!.GetValue<string>(), finished["cancelled"]!.GetValue<bool>()));
        Assert.StartsWith("Cancelled on request", finished["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(api.Destination.Published);
    }
}
