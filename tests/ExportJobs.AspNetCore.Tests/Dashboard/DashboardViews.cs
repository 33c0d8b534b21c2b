using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>What the dashboard's view tests share: pages as a role, the API requests a page makes, and the checks every view passes at desktop and phone width.</summary>
internal static class DashboardViews
{
    public const int Desktop = 1280;
    public const int Phone = 390;

    /// <summary>A page of the dashboard at <paramref name="width"/> px as a user with <paramref name="role"/>.</summary>
    public static async Task<IPage> OpenAsync(HeadlessChromium chromium, string role, int width = Desktop)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = width == Phone ? 844 : 900 },
            IsMobile = width == Phone,
            HasTouch = width == Phone,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} {role}" },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Collects every API request the page makes ("GET /export-jobs/…"), not the dashboard's own files.</summary>
    public static ConcurrentQueue<string> CountApiRequests(IPage page)
    {
        var api = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).PathAndQuery;
            if (path.StartsWith("/export-jobs", StringComparison.Ordinal) && !path.StartsWith("/export-jobs-ui", StringComparison.Ordinal))
            {
                api.Enqueue($"{request.Method} {path}");
            }
        };
        return api;
    }

    /// <summary>
    /// Lets the timers of a page whose Playwright clock is paused run again (axe-core needs them) without the dashboard
    /// refreshing meanwhile: the page is marked hidden first (as a background tab), which stops its refresh timer.
    /// The view stays as it is until the test refreshes it (the refresh button, a click).
    /// </summary>
    public static async Task ResumeClockWithoutPollingAsync(IPage page)
    {
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }");
        await Assertions.Expect(page.Locator("body[data-polling=false]")).ToHaveCountAsync(1);
        await page.Clock.ResumeAsync();
    }

    /// <summary>
    /// The checks of a view as it is now: no serious or critical axe violation; nothing wider than the viewport (the
    /// page, and every table or scroll box in it); and a screenshot in TestResults named after the view and width.
    /// </summary>
    public static async Task CheckViewAsync(IPage page, string view)
    {
        var width = page.ViewportSize!.Width;
        var wide = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(wide <= width, $"The {view} view is {wide} px wide at {width} px: it scrolls sideways.");
        var boxes = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)");
        Assert.True(boxes.Length == 0, $"In the {view} view at {width} px, these scroll sideways: {string.Join("; ", boxes)}");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath($"dashboard-{view}-{width}.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, $"{view} ({width} px)");
    }
}
