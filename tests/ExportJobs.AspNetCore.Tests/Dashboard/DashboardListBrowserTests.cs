using System.Text.Json.Nodes;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The jobs list with many jobs, in Debian's headless chromium: search (name or id), the status filter and paging work on
/// the one list answer (the test counts the page's API requests: none for any of them); failing jobs come first with
/// their last run's error in the row; and the list passes axe and fits a phone's width.
/// </summary>
public sealed class DashboardListBrowserTests : RolesHostBrowserTest
{
    private const int Jobs = 1000;
    private const int Pages = Jobs / 50;
    private const int Failing = 40;
    private const int Paused = 25;

    [Fact]
    public async Task ManyJobs_SearchFilterAndPaging_MakeNoRequest_FailingComeFirst_WithTheirErrors()
    {
        // 1,000 jobs made through the front door (the API's own service: an HTTP post each would only be slower).
        var manager = Host.Services.GetRequiredService<ExportJobManager>();
        var ids = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            var created = await manager.CreateAsync(new ExportJobDefinition
            {
                Name = $"Job {i:0000}",
                DestinationType = RecordingDestination.TypeName,
                DestinationConfig = new JsonObject { ["path"] = "exports/products" },
                Format = "csv",
                Schedule = "0 0 1 1 *", // 1 January only: no run starts while the test looks
                TimeZone = "UTC",
            });
            Assert.True(created.Value is not null, $"Job {i} was not created: {created.Errors}");
            ids.Add(created.Value.Job.Id);
        }

        // Failing: jobs 200.. (named after most others, so "failing first" is not the name order); one running; some paused.
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Failing; i++)
        {
            var failed = await manager.RecordRunAsync(ids[200 + i], new ExportRun { Id = "-", JobId = "-", Status = ExportRunStatus.Failed, StartedAt = now.AddMinutes(-1), Error = $"Bucket 'exports-{i}' does not exist. " + new string('x', 400) });
            Assert.True(failed.Value is not null, $"The failed run of job {200 + i} was not recorded: {failed.Errors}");
        }

        Assert.NotNull((await manager.RecordRunAsync(ids[150], new ExportRun { Id = "-", JobId = "-", Status = ExportRunStatus.Running, StartedAt = now })).Value);
        for (var i = 0; i < Paused; i++)
        {
            Assert.NotNull(await manager.PauseAsync(ids[10 + i]));
        }

        var page = await DashboardViews.OpenAsync(Chromium, "viewer");
        var api = DashboardViews.CountApiRequests(page);
        // The page's timers run on Playwright's clock, paused: no timed refresh happens while the test looks.
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        await Assertions.Expect(page.Locator("body[data-refreshes='1']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var rows = page.Locator("[data-testid=job]");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("[data-testid=page]")).ToHaveTextAsync($"Page 1 of {Pages}");
        await Assertions.Expect(page.Locator("[data-testid=list-summary]")).ToHaveTextAsync($"{Jobs} jobs");
        Assert.Equal(["GET /export-jobs/capabilities", "GET /export-jobs/"], api.ToArray());

        // Failing first (by name among them), then the running one, then the rest by name.
        var names = await rows.Locator("[data-testid=job-name]").AllTextContentsAsync();
        var expected = Enumerable.Range(200, Failing).Append(150).Concat(Enumerable.Range(0, 50 - Failing - 1)).Select(n => $"Job {n:0000}").ToArray();
        Assert.Equal(expected, names.ToArray());
        await Assertions.Expect(rows.Locator("[data-testid=last-run] .badge")).ToHaveTextAsync(Enumerable.Repeat("failed", Failing).Append("running").ToArray());

        // The last run's error is in its row (the list's first 300 characters), expandable.
        var error = rows.First.Locator("[data-testid=last-run-error]");
        await Assertions.Expect(error.Locator("summary")).ToContainTextAsync("Bucket 'exports-0' does not exist.");
        Assert.Equal(300, (await error.Locator("summary").TextContentAsync())!.Length);
        await Assertions.Expect(error).Not.ToHaveAttributeAsync("open", "");
        await error.Locator("summary").ClickAsync();
        await Assertions.Expect(error).ToHaveAttributeAsync("open", "");

        // Paging.
        await page.Locator("[data-action=next-page]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=page]")).ToHaveTextAsync($"Page 2 of {Pages}");
        await Assertions.Expect(rows.First.Locator("[data-testid=job-name]")).ToHaveTextAsync($"Job {50 - Failing - 1:0000}");
        for (var p = 3; p <= Pages; p++)
        {
            await page.Locator("[data-action=next-page]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=page]")).ToHaveTextAsync($"Page {p} of {Pages}");
        }

        await Assertions.Expect(rows).ToHaveCountAsync(Jobs - ((Pages - 1) * 50));
        await Assertions.Expect(rows.Last.Locator("[data-testid=job-name]")).ToHaveTextAsync($"Job {Jobs - 1:0000}");
        await Assertions.Expect(page.Locator("[data-action=next-page]")).ToBeDisabledAsync();
        await page.Locator("[data-action=previous-page]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=page]")).ToHaveTextAsync($"Page {Pages - 1} of {Pages}");

        // Filters: each keeps just its jobs (and goes back to the first page).
        await page.Locator("[data-testid=filter]").SelectOptionAsync("failing");
        await Assertions.Expect(page.Locator("[data-testid=list-summary]")).ToHaveTextAsync($"{Failing} of {Jobs} jobs match");
        await Assertions.Expect(rows).ToHaveCountAsync(Failing);
        await Assertions.Expect(rows.Locator("[data-testid=last-run] .badge")).ToHaveTextAsync(Enumerable.Repeat("failed", Failing).ToArray());
        await Assertions.Expect(page.Locator("[data-testid=page]")).ToHaveTextAsync("Page 1 of 1");
        await page.Locator("[data-testid=filter]").SelectOptionAsync("running");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("[data-testid=job-name]")).ToHaveTextAsync("Job 0150");
        await page.Locator("[data-testid=filter]").SelectOptionAsync("paused");
        await Assertions.Expect(rows).ToHaveCountAsync(Paused);
        await Assertions.Expect(rows.Locator("[data-testid=state]")).ToHaveTextAsync(Enumerable.Repeat("paused", Paused).ToArray());
        await page.Locator("[data-testid=filter]").SelectOptionAsync("active");
        await Assertions.Expect(page.Locator("[data-testid=list-summary]")).ToHaveTextAsync($"{Jobs - Paused} of {Jobs} jobs match");
        await Assertions.Expect(rows.Locator("[data-testid=state]")).ToHaveTextAsync(Enumerable.Repeat("active", 50).ToArray());

        // Search by name (within the filter), then by id.
        await page.Locator("[data-testid=filter]").SelectOptionAsync("all");
        await page.Locator("[data-testid=search]").FillAsync("job 012");
        await Assertions.Expect(rows.Locator("[data-testid=job-name]")).ToHaveTextAsync(Enumerable.Range(120, 10).Select(n => $"Job {n:0000}").ToArray());
        await page.Locator("[data-testid=search]").FillAsync(ids[777]);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-job-id", ids[777]);
        await page.Locator("[data-testid=search]").FillAsync("no such job");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=list-summary]")).ToHaveTextAsync($"0 of {Jobs} jobs match");

        // Not one request for any of that: still the first two. (A request the test makes itself, seen by the same
        // handler, shows that every request made before it was counted: the handler is not just late.)
        await page.RunAndWaitForRequestAsync(
            () => page.EvaluateAsync("async () => { await fetch('app.css?marker', { cache: 'no-store' }); }"),
            request => request.Url.Contains("marker", StringComparison.Ordinal),
            new() { Timeout = Timeout });
        Assert.Equal(["GET /export-jobs/capabilities", "GET /export-jobs/"], api.ToArray());

        // The next refresh (one request) keeps what the user chose.
        await page.Locator("[data-testid=search]").FillAsync("job 02");
        await page.Clock.RunForAsync(5000);
        await Assertions.Expect(page.Locator("body[data-refreshes='2']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=search]")).ToHaveValueAsync("job 02");
        await Assertions.Expect(page.Locator("[data-testid=list-summary]")).ToHaveTextAsync($"100 of {Jobs} jobs match"); // Job 0200..0299
        await Assertions.Expect(rows.First.Locator("[data-testid=job-name]")).ToHaveTextAsync("Job 0200"); // failing first still
        Assert.Equal(["GET /export-jobs/capabilities", "GET /export-jobs/", "GET /export-jobs/"], api.ToArray());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(DashboardViews.Desktop)]
    [InlineData(DashboardViews.Phone)]
    public async Task List_PassesAxe_AndFitsTheWidth_WithItsEssentialsInEachRow(int width)
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid("Nightly products to the shop's very long bucket name"))).AsObject()["id"]!.GetValue<string>();
        await Host.Client.CreateJobAsync(JobBodies.Valid("Hourly prices"));
        await Host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = "The bucket 'shop-exports-eu-central-1-production' refused the upload: AccessDenied (403). Check the bucket policy." });

        var page = await DashboardViews.OpenAsync(Chromium, "editor", width);
        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        var row = page.Locator($"[data-job-id='{id}']");
        await Assertions.Expect(row.Locator("[data-testid=last-run-error]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        foreach (var essential in new[] { "[data-testid=job-name]", "[data-testid=state]", "[data-testid=last-run] .badge", "[data-testid=last-run-error]", "[data-testid=next-run]", "[data-action=run]", "[data-action=pause]" })
        {
            await Assertions.Expect(row.Locator(essential)).ToBeVisibleAsync();
            var box = (await row.Locator(essential).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width + 0.5, $"{essential} is drawn at x {box.X}..{box.X + box.Width}, outside the {width} px page.");
        }

        await DashboardViews.CheckViewAsync(page, "list");
        var height = (await row.BoundingBoxAsync())!.Height;
        Assert.True(height <= 200, $"A job's row is {height} px tall at {width} px.");
        await page.Context.CloseAsync();
    }
}
