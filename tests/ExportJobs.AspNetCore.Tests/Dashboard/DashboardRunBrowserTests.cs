using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// A run's page and a job's history in Debian's headless chromium: the run page shows every field of a run (and the
/// files of a split run), a failed run's error in full; "Older runs" pages back through a long history with the
/// API's cursor, one request a page; both views pass axe and fit a phone's width.
/// </summary>
public sealed class DashboardRunBrowserTests : RolesHostBrowserTest
{
    [Fact]
    public async Task RunPage_ShowsEveryFieldOfTheRun_AndTheFilesOfASplitRun()
    {
        var body = JobBodies.Valid("Split products");
        body.Remove("schemaId"); // the test source's records are of no schema the body names
        body.Remove("catalogId");
        body["compress"] = false;
        body["split"] = new JsonObject { ["maxRecords"] = 40 };
        body["filenameTemplate"] = "products-{date}-{part}.csv";
        var id = (await Host.Client.CreateJobAsync(body))["id"]!.GetValue<string>();
        var run = await Host.Client.TriggerAndWaitAsync(id);
        Assert.Equal("success", run["status"]!.GetValue<string>());
        var files = run["files"]!.AsArray();
        Assert.True(files.Count == 3, $"The split run should have delivered 3 files: {run.ToJsonString()}");

        var page = await DashboardViews.OpenAsync(Chromium, "viewer");
        await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#/jobs/{id}/runs/{run["id"]}").ToString());
        var fields = page.Locator("[data-testid=run-fields]");
        await Assertions.Expect(fields.Locator("[data-field=id]")).ToHaveTextAsync(run["id"]!.GetValue<string>(), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#run-title")).ToHaveTextAsync("Run of Split products");
        await Assertions.Expect(fields.Locator("[data-field=status]")).ToHaveTextAsync("success");
        await Assertions.Expect(fields.Locator("[data-field=trigger]")).ToHaveTextAsync(run["trigger"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=mode]")).ToHaveTextAsync(run["mode"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=attempt]")).ToHaveTextAsync(run["attempt"]!.ToJsonString());
        await Assertions.Expect(fields.Locator("[data-field=scheduledAt]")).ToHaveTextAsync("—"); // a manual run belongs to no occurrence
        foreach (var moment in new[] { "startedAt", "completedAt" })
        {
            // The page's one style: the viewer's locale, then the viewer's zone named once.
            var shown = await page.EvaluateAsync<string>("iso => { const f = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }); return `${f.format(new Date(iso))} (${f.resolvedOptions().timeZone})`; }", run[moment]!.GetValue<string>());
            await Assertions.Expect(fields.Locator($"[data-field={moment}]")).ToHaveTextAsync(shown);
        }

        await Assertions.Expect(fields.Locator("[data-field=recordCount]")).ToHaveTextAsync(run["recordCount"]!.GetValue<long>().ToString("N0", CultureInfo.GetCultureInfo("en-US")));
        await Assertions.Expect(fields.Locator("[data-field=fileSize]")).ToContainTextAsync($"{run["fileSize"]!.GetValue<long>().ToString("N0", CultureInfo.GetCultureInfo("en-US"))} bytes");
        await Assertions.Expect(fields.Locator("[data-field=fileName]")).ToHaveTextAsync(run["fileName"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=destinationPath]")).ToHaveTextAsync(run["destinationPath"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=checksum]")).ToHaveTextAsync(run["checksum"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=cancelled]")).ToHaveTextAsync("no");
        await Assertions.Expect(fields.Locator("[data-field=skipped]")).ToHaveTextAsync("—");
        await Assertions.Expect(fields.Locator("[data-field=owner]")).ToHaveTextAsync(run["owner"]!.GetValue<string>());
        await Assertions.Expect(fields.Locator("[data-field=error]")).ToHaveTextAsync("—");
        var rows = page.Locator("[data-testid=run-file]");
        await Assertions.Expect(rows).ToHaveCountAsync(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            await Assertions.Expect(rows.Nth(i).Locator("td").Nth(0)).ToHaveTextAsync(files[i]!["name"]!.GetValue<string>());
            await Assertions.Expect(rows.Nth(i).Locator("td").Nth(1)).ToHaveTextAsync(files[i]!["path"]!.GetValue<string>());
            await Assertions.Expect(rows.Nth(i).Locator("td").Nth(2)).ToHaveTextAsync(files[i]!["records"]!.ToJsonString());
            await Assertions.Expect(rows.Nth(i).Locator("td").Nth(4)).ToHaveTextAsync(files[i]!["checksum"]!.GetValue<string>());
        }

        // A finished run does not change: its page does not poll.
        await Assertions.Expect(page.Locator("body[data-polling=false]")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task JobPage_OlderRuns_PagesBackThroughTheHistory_OneRequestAPage_AndAFailedRunsPageShowsItsWholeError()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid("Long history")))["id"]!.GetValue<string>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int Runs = 65; // two full pages of 30 (ExportJobsDashboardOptions.RecentRuns) and 5
        var error = "The webhook answered 500: " + string.Concat(Enumerable.Repeat("upstream timeout; ", 40));
        var ids = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var response = await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", i == Runs - 1
                ? new JsonObject { ["status"] = "failed", ["startedAt"] = start.AddMinutes(i).ToString("O", CultureInfo.InvariantCulture), ["error"] = error }
                : new JsonObject { ["status"] = "success", ["startedAt"] = start.AddMinutes(i).ToString("O", CultureInfo.InvariantCulture), ["recordCount"] = 10 + i });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        foreach (var width in new[] { DashboardViews.Desktop, DashboardViews.Phone })
        {
            var page = await DashboardViews.OpenAsync(Chromium, "operator", width);
            var api = DashboardViews.CountApiRequests(page);
            await page.Clock.InstallAsync();
            await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
            await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#/jobs/{id}").ToString());
            var rows = page.Locator("#runs tr[data-testid=run]");
            await Assertions.Expect(rows).ToHaveCountAsync(30, new() { Timeout = Timeout });
            await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-run-id", ids[^1]);
            var before = api.Count;

            await page.Locator("[data-action=older-runs]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(60);
            await page.Locator("[data-action=older-runs]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(Runs);
            await Assertions.Expect(page.Locator("[data-action=older-runs]")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("[data-testid=end-of-history]")).ToBeVisibleAsync();
            Assert.Equal(ids.AsEnumerable().Reverse().ToArray(), (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.runId)")));
            Assert.Equal([$"GET /export-jobs/{id}/runs?limit=30&before={ids[Runs - 30]}", $"GET /export-jobs/{id}/runs?limit=30&before={ids[Runs - 60]}"], api.Skip(before).ToArray());

            // A refresh reads the newest page again and keeps the older ones shown.
            await page.Clock.RunForAsync(5000);
            await Assertions.Expect(page.Locator("body[data-refreshes='2']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Assertions.Expect(rows).ToHaveCountAsync(Runs);
            await DashboardViews.ResumeClockWithoutPollingAsync(page);
            await DashboardViews.CheckViewAsync(page, "job-older-runs");

            // The failed run's page: its error whole (the list has its first 300 characters).
            await rows.First.Locator("[data-testid=run-link]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=error]")).ToHaveTextAsync(error, new() { Timeout = Timeout });
            await Assertions.Expect(page.Locator("[data-testid=run-fields] [data-field=status]")).ToHaveTextAsync("failed");
            await DashboardViews.CheckViewAsync(page, "run-failed");
            await page.Context.CloseAsync();
        }
    }
}
