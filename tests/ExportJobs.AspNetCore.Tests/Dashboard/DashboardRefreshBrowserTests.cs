using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The dashboard keeps itself current with a bounded number of API requests, in Debian's headless chromium: the list
/// page of a host with 25 jobs makes one request per refresh interval (no per-job calls), stops while the page is
/// hidden and refreshes again when it is shown; a job's page makes one request per refresh too (its overview); every
/// date names its zone once; a job whose runs all failed draws a visible failure bar per run. The
/// page's timers run on Playwright's clock (installed and paused), so each interval is advanced by the test, not waited.
/// </summary>
public sealed class DashboardRefreshBrowserTests : RolesHostBrowserTest
{
    private const int Jobs = 25;
    private const int RefreshMs = 5000; // ExportJobsDashboardOptions.RefreshInterval's default

    [Fact]
    public async Task ListPage_MakesOneRequestPerInterval_WhateverTheJobCount_AndStopsWhileHidden()
    {
        for (var i = 0; i < Jobs; i++)
        {
            await Host.Client.CreateJobAsync(JobBodies.Valid($"Job {i:00}"));
        }

        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var api = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).PathAndQuery;
            if (path.StartsWith("/export-jobs", StringComparison.Ordinal) && !path.StartsWith("/export-jobs-ui", StringComparison.Ordinal))
            {
                api.Enqueue($"{request.Method} {path}");
            }
        };
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));

        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        await Assertions.Expect(page.Locator("body[data-refreshes='1']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=job]")).ToHaveCountAsync(Jobs);
        await Assertions.Expect(page.Locator("[data-testid=next-run]")).ToHaveCountAsync(Jobs);
        await Assertions.Expect(page.Locator("[data-testid=next-run]").First).ToContainTextAsync("(Europe/Berlin)");
        Assert.Equal(["GET /export-jobs/capabilities", "GET /export-jobs/"], api.ToArray());

        // Two refresh intervals: one list request each, whatever the job count (no schedule call per job).
        for (var refresh = 2; refresh <= 3; refresh++)
        {
            await page.Clock.RunForAsync(RefreshMs);
            await Assertions.Expect(page.Locator($"body[data-refreshes='{refresh}']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            Assert.Equal(["GET /export-jobs/capabilities", .. Enumerable.Repeat("GET /export-jobs/", refresh)], api.ToArray());
        }

        // Hidden: no refresh however long it stays hidden. A request the page made while hidden would be seen before
        // the marker request that follows it, so the count after the marker is the whole story.
        await SetVisibilityAsync(page, "hidden");
        await Assertions.Expect(page.Locator("body[data-polling=false]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await page.Clock.RunForAsync(RefreshMs * 4);
        await page.RunAndWaitForRequestAsync(
            () => page.EvaluateAsync("async () => { await fetch('app.css?marker', { cache: 'no-store' }); }"),
            request => request.Url.Contains("marker", StringComparison.Ordinal),
            new() { Timeout = Timeout });
        Assert.Equal(4, api.Count);
        await Assertions.Expect(page.Locator("body[data-refreshes='3']")).ToHaveCountAsync(1);

        // Shown again: it refreshes at once (one request) and polls again.
        await SetVisibilityAsync(page, "visible");
        await Assertions.Expect(page.Locator("body[data-refreshes='4']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("body[data-polling=true]")).ToHaveCountAsync(1);
        Assert.Equal(5, api.Count);
        await page.Clock.RunForAsync(RefreshMs);
        await Assertions.Expect(page.Locator("body[data-refreshes='5']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        Assert.Equal(["GET /export-jobs/capabilities", .. Enumerable.Repeat("GET /export-jobs/", 5)], api.ToArray());
        await context.CloseAsync();
    }

    [Fact]
    public async Task JobPage_OfAJobWhoseRunsAllFailed_DrawsAVisibleFailureBarPerRun_AndShowsTheNextFiveRuns()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = $"bucket missing {i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        await Assertions.Expect(page.Locator($"[data-job-id='{id}'] [data-testid=last-run] .badge")).ToHaveTextAsync("failed", new() { Timeout = Timeout });

        await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#job/{id}").ToString());
        var bars = page.Locator("#chart svg rect[data-status=failed]");
        await Assertions.Expect(bars).ToHaveCountAsync(3, new() { Timeout = Timeout });
        for (var i = 0; i < 3; i++)
        {
            var height = double.Parse((await bars.Nth(i).GetAttributeAsync("height"))!, CultureInfo.InvariantCulture);
            Assert.True(height >= 4, $"Failure bar {i} is {height} units tall: not visible.");
            Assert.Equal("#c62828", await bars.Nth(i).GetAttributeAsync("fill"));
            var box = await bars.Nth(i).BoundingBoxAsync();
            Assert.True(box is { Height: >= 2, Width: >= 2 }, $"Failure bar {i} is drawn {box?.Width}x{box?.Height} px.");
        }

        await Assertions.Expect(page.Locator("#chart svg")).Not.ToContainTextAsync("1 records");
        await Assertions.Expect(page.Locator("#chart svg")).ToContainTextAsync("no records");

        // The next five runs, in the job's zone (named), on the job's page.
        var next = page.Locator("[data-testid=job-detail] [data-testid=next-runs] li");
        await Assertions.Expect(next).ToHaveCountAsync(5, new() { Timeout = Timeout });
        await Assertions.Expect(next.First).ToContainTextAsync("(Europe/Berlin)");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-failed-runs.png"), FullPage = true });
        await context.CloseAsync();
    }

    [Fact]
    public async Task JobPage_MakesOneRequestPerInterval_AlsoWhenTheJobChangesBetweenRefreshes()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            (await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success", ["recordCount"] = 10 + i })).EnsureSuccessStatusCode();
        }

        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var api = DashboardViews.CountApiRequests(page);
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        var overview = $"GET /export-jobs/{id}/overview?limit=30";

        await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#/jobs/{id}").ToString());
        await Assertions.Expect(page.Locator("body[data-refreshes='1']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#runs tr[data-testid=run]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=next-runs] li")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#chart svg rect")).ToHaveCountAsync(3);
        Assert.Equal(["GET /export-jobs/capabilities", overview], api.ToArray());

        // Each interval: one request for the whole page (job, runs, chart, next runs), also after the job changed
        // (paused, then a new run) between two refreshes, which used to ask for the schedule again.
        (await Host.Client.PostAsync(new Uri($"/export-jobs/{id}/pause", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await page.Clock.RunForAsync(RefreshMs);
        await Assertions.Expect(page.Locator("body[data-refreshes='2']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=job-detail]")).ToContainTextAsync("No runs while paused.");
        Assert.Equal(["GET /export-jobs/capabilities", overview, overview], api.ToArray());

        (await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = "bucket missing" })).EnsureSuccessStatusCode();
        (await Host.Client.PostAsync(new Uri($"/export-jobs/{id}/resume", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await page.Clock.RunForAsync(RefreshMs);
        await Assertions.Expect(page.Locator("body[data-refreshes='3']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#runs tr[data-testid=run]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=next-runs] li")).ToHaveCountAsync(5);
        Assert.Equal(["GET /export-jobs/capabilities", overview, overview, overview], api.ToArray());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Dates_NameTheirZoneOnce_OnTheListTheJobPageAndTheRunPage()
    {
        // A job in UTC seen from a browser in UTC: where a date named its zone twice ("… UTC (UTC)").
        var body = JobBodies.Valid("Zoned job");
        body["timeZone"] = "UTC";
        var id = (await Host.Client.CreateJobAsync(body))["id"]!.GetValue<string>();
        (await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = "bucket missing", ["scheduledAt"] = "2026-01-30T02:00:00Z" })).EnsureSuccessStatusCode();
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            TimezoneId = "UTC",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} viewer" },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        var row = page.Locator($"[data-job-id='{id}']");
        await Assertions.Expect(row.Locator("[data-testid=next-run] time")).ToContainTextAsync("(UTC)", new() { Timeout = Timeout });
        await Assertions.Expect(row.Locator("[data-testid=last-run] a.when")).ToContainTextAsync("(UTC)");
        await ExpectEachZoneNamedOnceAsync(page, "the list", row.Locator("[data-testid=next-run] time"), row.Locator("[data-testid=last-run] a.when"));

        await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#/jobs/{id}").ToString());
        await Assertions.Expect(page.Locator("[data-testid=next-runs] li")).ToHaveCountAsync(5, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=run-link]")).ToHaveCountAsync(1);
        await ExpectEachZoneNamedOnceAsync(page, "the job page", page.Locator("[data-testid=next-runs] li"), page.Locator("[data-testid=run-link]"));

        await page.Locator("[data-testid=run-link]").ClickAsync();
        await Assertions.Expect(page.Locator("#view")).ToContainTextAsync("bucket missing", new() { Timeout = Timeout });
        await ExpectEachZoneNamedOnceAsync(page, "the run page");
        await context.CloseAsync();
    }

    /// <summary>
    /// Every date of the view in the one style: each of <paramref name="dates"/> names its zone once, at its end, as
    /// "(UTC)"; and nowhere in the view does a zone abbreviation (not AM/PM) stand before a named zone ("UTC (UTC)", "CET (Europe/Berlin)").
    /// </summary>
    private static async Task ExpectEachZoneNamedOnceAsync(IPage page, string view, params ILocator[] dates)
    {
        foreach (var locator in dates)
        {
            foreach (var text in await locator.AllTextContentsAsync())
            {
                Assert.True(text.EndsWith(" (UTC)", StringComparison.Ordinal), $"In {view}, '{text}' does not end with its zone, named once.");
                Assert.True(text.Split("UTC").Length == 2, $"In {view}, '{text}' names its zone more than once.");
            }
        }

        var all = await page.Locator("#view").InnerTextAsync();
        Assert.DoesNotMatch(@"UTC \(UTC\)", all);
        Assert.DoesNotMatch(@"\b(?:(?!AM\b|PM\b)[A-Z]{2,5}|GMT[+-]\d{1,2}(?::\d\d)?)\s+\((?:UTC|[A-Za-z_]+/[A-Za-z_/+-]+)\)", all);
    }

    private static async Task SetVisibilityAsync(IPage page, string state) => await page.EvaluateAsync(
        "state => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state }); document.dispatchEvent(new Event('visibilitychange')); }",
        state);

    private Task<IBrowserContext> NewContextAsync() => Chromium.Browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 1280, Height = 900 },
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} viewer" },
    });
}
