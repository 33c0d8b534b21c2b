using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// A running run in Debian's headless chromium, held mid-way by a <see cref="GatedRecordSource"/> (no sleeps): its page
/// and its job's page show the progress bar move as the source lets records through (each refresh one request), the
/// operator's Cancel ends it failed and cancelled, and a Cancel on a run that has ended meanwhile says it is too late.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class DashboardProgressBrowserTests : IAsyncLifetime
{
    private const long Expected = 20_000; // the record count of the job's last successful run: the bar's full length
    private static readonly float Timeout = HeadlessChromium.Timeout;
    private readonly GatedRecordSource _source = new(Expected);
    private ApiHost _host = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(exportJobs: b => b.Services.AddSingleton<Extensibility.IExportRecordSource>(_source), roles: true);
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        _source.ReleaseAll();
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _host.DisposeAsync();
    }

    [Fact]
    public async Task RunningRun_ProgressBarMoves_OnItsPageAndItsJobsPage_AndCancelEndsItFailedAndCancelled()
    {
        var (jobId, runId) = await StartHeldRunAsync();
        var page = await DashboardViews.OpenAsync(_chromium, "operator");
        var api = DashboardViews.CountApiRequests(page);
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        await page.GotoAsync(new Uri(_host.Address, $"/export-jobs-ui/#/jobs/{jobId}/runs/{runId}").ToString());
        var progress = page.Locator("[data-testid=run-live] [data-testid=progress]");
        await Assertions.Expect(progress).ToBeVisibleAsync(new() { Timeout = Timeout });

        // Each step: let records through, wait until the API shows them written, refresh once; the bar follows.
        var refreshes = 1;
        foreach (var upTo in new long[] { 5_000, 10_000 })
        {
            var held = await AdvanceAsync(jobId, runId, upTo);
            var before = api.Count;
            await page.Clock.RunForAsync(5000);
            await Assertions.Expect(page.Locator($"body[data-refreshes='{++refreshes}']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            Assert.Equal([$"GET /export-jobs/{jobId}/runs/{runId}"], api.Skip(before).ToArray());
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-records", upTo.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(progress.Locator("progress")).ToHaveAttributeAsync("value", (upTo * 100 / Expected).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(progress.Locator("[data-testid=progress-records]")).ToHaveTextAsync($"{upTo:N0} of about {Expected:N0} records");
            await Assertions.Expect(progress.Locator("[data-testid=progress-stage]")).ToContainTextAsync("stage: writer");
            // Bytes as the API reports them (the writer's output so far; a buffered writer may not have flushed any yet).
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-bytes", held["progress"]!["bytesWritten"]!.ToJsonString());
            await Assertions.Expect(progress.Locator("[data-testid=progress-bytes]")).ToContainTextAsync(" written");
            await Assertions.Expect(progress.Locator("[data-testid=progress-elapsed]")).ToContainTextAsync(" elapsed");
        }

        await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=status]")).ToHaveTextAsync("running");
        await DashboardViews.ResumeClockWithoutPollingAsync(page); // from here on the test refreshes the page itself
        await DashboardViews.CheckViewAsync(page, "run-running");

        // The job's page shows the running run's progress too.
        await page.Locator("[data-testid=back-to-job]").ClickAsync();
        var onJob = page.Locator($"[data-testid=live-run][data-run-id='{runId}'] [data-testid=progress]");
        await Assertions.Expect(onJob).ToHaveAttributeAsync("data-records", "10000", new() { Timeout = Timeout });
        await AdvanceAsync(jobId, runId, 15_000);
        await page.Locator("#refresh").ClickAsync();
        await Assertions.Expect(onJob).ToHaveAttributeAsync("data-records", "15000", new() { Timeout = Timeout });
        await Assertions.Expect(onJob.Locator("progress")).ToHaveAttributeAsync("value", "75");
        await DashboardViews.CheckViewAsync(page, "job-running");

        // Cancel (on the job's page): the run ends failed, cancelled, and the page shows it so.
        await page.Locator($"[data-testid=live-run][data-run-id='{runId}'] [data-action=cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"Asked run {runId} to cancel", new() { Timeout = Timeout });
        var ended = await WaitForRunAsync(jobId, runId, r => r["status"]!.GetValue<string>() != "running", "the cancelled run ended");
        Assert.Equal("failed", ended["status"]!.GetValue<string>());
        Assert.True(ended["cancelled"]!.GetValue<bool>());
        await page.Locator("#refresh").ClickAsync();
        var row = page.Locator($"#runs tr[data-run-id='{runId}']");
        await Assertions.Expect(row.Locator("[data-testid=run-status]")).ToHaveTextAsync("failed", new() { Timeout = Timeout });
        await Assertions.Expect(row).ToContainTextAsync("(cancelled)");
        await Assertions.Expect(page.Locator("[data-testid=live-run]")).ToHaveCountAsync(0);
        await row.Locator("[data-testid=run-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=cancelled]")).ToHaveTextAsync("yes, by operator", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=error]")).ToContainTextAsync("Cancelled on request by operator"); // §7: it says it was cancelled on request
        await Assertions.Expect(page.Locator("[data-action=cancel]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancel_OfARunThatEndedMeanwhile_SaysItIsTooLate_AndAViewerSeesNoCancelButton()
    {
        var (jobId, runId) = await StartHeldRunAsync();
        var viewer = await DashboardViews.OpenAsync(_chromium, "viewer");
        await viewer.GotoAsync(new Uri(_host.Address, $"/export-jobs-ui/#/jobs/{jobId}/runs/{runId}").ToString());
        await Assertions.Expect(viewer.Locator("[data-testid=run-live] [data-testid=progress]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator("[data-action=cancel]")).ToHaveCountAsync(0);

        var page = await DashboardViews.OpenAsync(_chromium, "operator");
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        await page.GotoAsync(new Uri(_host.Address, $"/export-jobs-ui/#/jobs/{jobId}/runs/{runId}").ToString());
        var cancel = page.Locator("[data-action=cancel]");
        await Assertions.Expect(cancel).ToBeVisibleAsync(new() { Timeout = Timeout });

        // The run ends while the page still shows it running (its clock is paused: no refresh in between).
        _source.ReleaseAll();
        var ended = await WaitForRunAsync(jobId, runId, r => r["status"]!.GetValue<string>() != "running", "the run ended");
        Assert.Equal("success", ended["status"]!.GetValue<string>());
        await cancel.ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"Too late to cancel run {runId}", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=status]")).ToHaveTextAsync("success", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=cancelled]")).ToHaveTextAsync("no");
        await page.Context.CloseAsync();
        await viewer.Context.CloseAsync();
    }

    /// <summary>A job whose last successful run exported <see cref="Expected"/> records, and a run of it held before its first record.</summary>
    private async Task<(string JobId, string RunId)> StartHeldRunAsync()
    {
        var body = JobBodies.Valid("Slow products");
        body.Remove("schemaId"); // the gated source's records are of no schema the body names
        body.Remove("catalogId");
        var jobId = (await _host.Client.CreateJobAsync(body))["id"]!.GetValue<string>();
        var previous = await _host.Client.PostJsonAsync($"/export-jobs/{jobId}/runs", new JsonObject { ["status"] = "success", ["startedAt"] = "2026-01-01T00:00:00Z", ["recordCount"] = Expected });
        Assert.Equal(HttpStatusCode.Created, previous.StatusCode);
        var trigger = await _host.Client.PostAsync(new Uri($"/export-jobs/{jobId}/trigger", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        return (jobId, (await trigger.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    private async Task<JsonObject> AdvanceAsync(string jobId, string runId, long upTo)
    {
        _source.Release(upTo);
        return await WaitForRunAsync(jobId, runId, r => r["progress"]?["recordsWritten"]?.GetValue<long>() == upTo, $"{upTo} records are written");
    }

    private async Task<JsonObject> WaitForRunAsync(string jobId, string runId, Func<JsonObject, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonObject run;
        while (!condition(run = (JsonObject)await (await _host.Client.GetAsync(new Uri($"/export-jobs/{jobId}/runs/{runId}", UriKind.Relative))).ReadJsonAsync()))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}; last read: {run.ToJsonString()}");
            }

            await Task.Delay(20);
        }

        return run;
    }
}
