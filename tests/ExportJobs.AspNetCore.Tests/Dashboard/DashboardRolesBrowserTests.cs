using System.Net;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The dashboard of a host with read, operate and edit policies (<see cref="ApiHost"/> with roles), in Debian's headless
/// chromium: a read-only user sees no run, pause or resume buttons and the API refuses them (403); an operator sees them.
/// </summary>
public sealed class DashboardRolesBrowserTests : RolesHostBrowserTest
{
    [Fact]
    public async Task ReadOnlyUser_SeesNoOperateButtons_AndTheApiRefusesThem_WhileAnOperatorSeesThem()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        var viewer = await OpenAsync("viewer");
        var card = viewer.Locator($"[data-job-id='{id}']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator("body[data-can-operate=false]")).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator("[data-action=run], [data-action=pause], [data-action=resume]")).ToHaveCountAsync(0);
        await Assertions.Expect(card.Locator("[data-action=history]")).ToBeVisibleAsync();
        await viewer.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-read-only.png"), FullPage = true });

        // Trying anyway, as the page's own user: the API enforces the policy, not only the page.
        var status = await viewer.EvaluateAsync<int>($"async () => (await fetch('/export-jobs/{id}/trigger', {{ method: 'POST' }})).status");
        Assert.Equal((int)HttpStatusCode.Forbidden, status);

        var operatorPage = await OpenAsync("operator");
        var operatorCard = operatorPage.Locator($"[data-job-id='{id}']");
        await Assertions.Expect(operatorCard.Locator("[data-action=run]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(operatorCard.Locator("[data-action=pause]")).ToBeVisibleAsync();
    }

    private async Task<IPage> OpenAsync(string role)
    {
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} {role}" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        return page;
    }
}
