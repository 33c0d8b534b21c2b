using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>The axe helper the dashboard's view tests use can fail: a page with a nameless button and an image without text fails it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class AxeTests : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task AssertNoSeriousViolations_Fails_OnAPageWithANamelessButton_AndPasses_OneWithout()
    {
        var page = await _chromium.Browser.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><button type=\"button\"></button><img src=\"data:,\"></main></body></html>");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertNoSeriousViolationsAsync(page, "test"));
        Assert.Contains("button-name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);

        await page.SetContentAsync("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><button type=\"button\">Go</button><img src=\"data:,\" alt=\"\"></main></body></html>");
        await Axe.AssertNoSeriousViolationsAsync(page, "test");
    }
}
