using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Sample.Security;
using ExportJobs.Sample.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>
/// The sample's demo settings for the dashboard's end-to-end flow, through its API: <c>Sample:RecordDelay</c> makes a
/// run slow enough to watch its progress move and cancel it, <c>Sample:SeedFailingJob</c> seeds a job whose destination
/// refuses (the list shows its failed run and error), <c>Sample:ReadOnlyApiKey</c> reads but may not operate or edit.
/// </summary>
public sealed class SampleDemoJobsTests
{
    private const string Key = "sample-key-0123456789abcdef";
    private const string ReadOnlyKey = "sample-viewer-key-0123456789";

    [Fact]
    public async Task RecordDelay_ARunsProgressMovesWhileItRuns_AndACancelEndsIt()
    {
        using var host = new SampleHost();
        host.Settings["Sample:RecordDelay"] = "00:00:00.1"; // 300 records: about 30 s unless cancelled
        using var client = host.CreateClient();
        var id = (await client.CreateJobAsync(Job("slow")))["id"]!.GetValue<string>();
        var started = await client.PostAsync($"/export-jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runUrl = started.Headers.Location!.OriginalString;

        var first = await WaitForRunAsync(client, runUrl, r => Records(r) > 0, "the run reports records written");
        var later = await WaitForRunAsync(client, runUrl, r => Records(r) > Records(first), "the run's records written grow");
        Assert.Equal("running", later["status"]!.GetValue<string>());
        Assert.True(Records(later) < SampleHost.ProductCount, $"{Records(later)} of {SampleHost.ProductCount} records: the run is not slow");

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{runUrl}/cancel", null)).StatusCode);
        var ended = await WaitForRunAsync(client, runUrl, r => r["status"]!.GetValue<string>() != "running", "the cancelled run ends");
        Assert.Equal(("failed", true), (ended["status"]!.GetValue<string>(), ended["cancelled"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("00:00:01.001")]
    [InlineData("-00:00:00.001")]
    public void RecordDelay_OutOfItsBounds_StopsTheStart(string delay)
    {
        using var host = new SampleHost();
        host.Settings["Sample:RecordDelay"] = delay;

        Assert.Contains("Sample:RecordDelay must be between", StartFailure(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordDelay_ByDefault_IsNone()
    {
        using var host = new SampleHost();
        using var client = host.CreateClient();

        Assert.Equal(TimeSpan.Zero, host.Services.GetRequiredService<IOptions<ExportJobs.Sample.SampleOptions>>().Value.RecordDelay);
        var (_, run) = await host.TriggerAndWaitAsync(client, Job("fast"));
        Assert.Equal("success", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeedFailingJob_TheListShowsItsFailedRun_WithTheDestinationsError_OnceAcrossRestarts()
    {
        using var host = new SampleHost();
        host.Settings["Sample:SeedFailingJob"] = "true";
        using var client = host.CreateClient();

        JsonObject job = null!;
        await WaitUntilAsync(async () =>
        {
            var list = (await (await client.GetAsync("/export-jobs")).ReadJsonAsync()).AsArray();
            job = Assert.Single(list)!.AsObject();
            return job["lastRun"] is JsonObject last && last["status"]!.GetValue<string>() != "running";
        }, "the failing demo job's first run ends");

        Assert.Equal(DemoJobSeeder.FailingJobName, job["name"]!.GetValue<string>());
        var lastRun = job["lastRun"]!.AsObject();
        Assert.Equal("failed", lastRun["status"]!.GetValue<string>());
        var run = (await (await client.GetAsync($"/export-jobs/{job["id"]}/runs/{lastRun["id"]}")).ReadJsonAsync()).AsObject();
        var error = run["error"]!.GetValue<string>();
        Assert.StartsWith("Failed while delivering 'products-", error, StringComparison.Ordinal);
        Assert.EndsWith(
            ": The destination refuses the export: 'refused' inside the export root is a file, not a folder, so 'refused/products' cannot be created. Remove that file or choose another path.",
            error,
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(host.ExportRoot, DemoJobSeeder.FailingJobBlocker)));

        // Seeded once: the next start of the same store finds the job and adds none.
        using (var scope = host.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<DemoJobSeeder>(scope.ServiceProvider).StartAsync(CancellationToken.None);
        }

        Assert.Single((await (await client.GetAsync("/export-jobs")).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task SeedFailingJob_ByDefault_SeedsNothing()
    {
        using var host = new SampleHost();
        using var client = host.CreateClient();

        Assert.Empty((await (await client.GetAsync("/export-jobs")).ReadJsonAsync()).AsArray());
        Assert.False(File.Exists(Path.Combine(host.ExportRoot, DemoJobSeeder.FailingJobBlocker)));
    }

    [Fact]
    public async Task ReadOnlyApiKey_Reads_ButGets403ForOperatingAndEditing_WhileTheMainKeyMayDoBoth()
    {
        using var host = new SampleHost();
        host.Settings["Sample:ApiKey"] = Key;
        host.Settings["Sample:ReadOnlyApiKey"] = ReadOnlyKey;
        using var editor = host.CreateClient();
        editor.DefaultRequestHeaders.Add(SampleApiKeyHandler.HeaderName, Key);
        using var viewer = host.CreateClient();
        viewer.DefaultRequestHeaders.Add(SampleApiKeyHandler.HeaderName, ReadOnlyKey);
        var id = (await editor.CreateJobAsync(Job("roles")))["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/export-jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/export-jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/export-jobs-ui/")).StatusCode);
        var capabilities = (await (await viewer.GetAsync("/export-jobs/capabilities")).ReadJsonAsync()).AsObject();
        Assert.Equal((true, false, false), (capabilities["read"]!.GetValue<bool>(), capabilities["operate"]!.GetValue<bool>(), capabilities["edit"]!.GetValue<bool>()));
        foreach (var (method, url) in new[] { ("POST", $"/export-jobs/{id}/trigger"), ("POST", $"/export-jobs/{id}/pause"), ("POST", "/export-jobs"), ("PUT", $"/export-jobs/{id}"), ("DELETE", $"/export-jobs/{id}"), ("POST", "/demo/records/1/touch") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "DELETE" ? null : JsonContent.Create(Job("nope")) };
            using var response = await viewer.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} answered {(int)response.StatusCode} to the read-only key, not 403");
        }

        var mine = (await (await editor.GetAsync("/export-jobs/capabilities")).ReadJsonAsync()).AsObject();
        Assert.Equal((true, true, true), (mine["read"]!.GetValue<bool>(), mine["operate"]!.GetValue<bool>(), mine["edit"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/export-jobs/{id}/trigger", null)).StatusCode);
    }

    [Fact]
    public void ReadOnlyApiKey_WithoutTheMainKey_StopsTheStart()
    {
        using var host = new SampleHost();
        host.Settings["Sample:ReadOnlyApiKey"] = ReadOnlyKey;

        Assert.Contains("Sample:ReadOnlyApiKey needs Sample:ApiKey", StartFailure(host), StringComparison.Ordinal);
    }

    /// <summary>The options validation failure that stops the host's start (possibly wrapped).</summary>
    private static string StartFailure(SampleHost host)
    {
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException)
            {
                return e.Message;
            }
        }

        Assert.Fail($"The start failed, but not by options validation: {error}");
        return string.Empty;
    }

    private static long Records(JsonObject run) => run["progress"]?["recordsWritten"]?.GetValue<long>() ?? 0;

    private static async Task<JsonObject> WaitForRunAsync(HttpClient client, string url, Func<JsonObject, bool> condition, string what)
    {
        JsonObject run = null!;
        await WaitUntilAsync(async () => condition(run = (await (await client.GetAsync(url)).ReadJsonAsync()).AsObject()), what);
        return run;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    private static JsonObject Job(string folder) => new()
    {
        ["name"] = $"demo {folder}",
        ["destinationType"] = "local-folder",
        ["destinationConfig"] = new JsonObject { ["path"] = folder },
        ["format"] = "csv",
        ["schedule"] = "0 2 * * *",
        ["filenameTemplate"] = "products-{runId}.{format}",
    };
}
