using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The dashboard of a running sample host in Debian's headless chromium, driven by Playwright: sees the seeded jobs,
/// pauses one, runs one now and sees the run appear in its history. Screenshots go to TestResults/.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private static readonly float Timeout = HeadlessChromium.Timeout;
    private readonly SampleHost _host = new(new Dictionary<string, string?> { ["Sample:SeedJobs"] = "true", ["Sample:ProductCount"] = "200" });
    private HeadlessChromium _chromium = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _host.StartServer();
        _api = _host.CreateClient();
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _api?.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsJobs_PausesOne_RunsOneNow_AndShowsItsRunHistory()
    {
        var jobs = (await _api.GetFromJsonAsync<JsonArray>(new Uri("/export-jobs", UriKind.Relative)))!;
        Assert.True(jobs.Count >= 2, "The sample should seed at least two jobs.");
        var toPause = jobs[0]!["id"]!.GetValue<string>();
        var toRun = jobs[1]!["id"]!.GetValue<string>();

        // The seeded jobs have real schedules: paused, the job to run now gets no scheduled run while the test watches
        // its history (a run now works whatever the job's state), so exactly one run appears whatever the wall clock.
        (await _api.PostAsync(new Uri($"/export-jobs/{toRun}/pause", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var context = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };

        await page.GotoAsync(new Uri(_host.Address, "/export-jobs-ui/").ToString());
        await Assertions.Expect(page.Locator("[data-testid=job]")).ToHaveCountAsync(jobs.Count, new() { Timeout = Timeout });
        foreach (var job in jobs)
        {
            await Assertions.Expect(page.Locator($"[data-job-id='{job!["id"]}'] [data-testid=job-name]")).ToHaveTextAsync(job["name"]!.GetValue<string>());
        }

        // The list shows each job's next run (the list response's nextRunAt) in the job's zone, named; the next five runs are on the job's page.
        var zone = jobs[0]!["timeZone"]?.GetValue<string>() ?? "UTC";
        await Assertions.Expect(page.Locator($"[data-job-id='{toPause}'] [data-testid=next-run] time")).ToContainTextAsync($"({zone})", new() { Timeout = Timeout });

        // Pause one and see it paused (and that the API agrees).
        var card = page.Locator($"[data-job-id='{toPause}']");
        await Assertions.Expect(card.Locator("[data-testid=state]")).ToHaveTextAsync("active");
        await card.Locator("[data-action=pause]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=state]")).ToHaveTextAsync("paused", new() { Timeout = Timeout });
        await Assertions.Expect(card.Locator("[data-action=resume]")).ToBeVisibleAsync();
        var paused = (await _api.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{toPause}", UriKind.Relative)))!;
        Assert.False(paused["active"]!.GetValue<bool>());

        // Run one now, open its history and see the new run appear and succeed.
        var runCard = page.Locator($"[data-job-id='{toRun}']");
        await runCard.Locator("[data-action=run]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Started a run", new() { Timeout = Timeout });
        await runCard.Locator("[data-action=history]").ClickAsync();
        var rows = page.Locator("#runs tr[data-testid=run]");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(rows.First.Locator("[data-testid=run-status]")).ToHaveTextAsync("success", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#chart svg rect")).ToHaveCountAsync(1);
        var run = Assert.Single((await _api.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{toRun}/runs", UriKind.Relative)))!)!;
        Assert.Equal(run["id"]!.GetValue<string>(), await rows.First.GetAttributeAsync("data-run-id"));
        Assert.True(run["recordCount"]!.GetValue<long>() > 0);
        await Assertions.Expect(rows.First.Locator("td.num").First).ToHaveTextAsync(run["recordCount"]!.ToJsonString());
        await Assertions.Expect(rows.First.Locator("td.path")).ToHaveTextAsync(run["destinationPath"]!.GetValue<string>());

        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-run-history.png"), FullPage = true });
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_AtPhoneWidth_HasNoHorizontalScrolling_AndKeepsButtonsReachable()
    {
        var context = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_host.Address, "/export-jobs-ui").ToString());
        await Assertions.Expect(page.Locator("[data-testid=job]").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=job] [data-action=run]").First).ToBeInViewportAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone screen.");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-phone.png"), FullPage = true });
        await context.CloseAsync();
    }
}
