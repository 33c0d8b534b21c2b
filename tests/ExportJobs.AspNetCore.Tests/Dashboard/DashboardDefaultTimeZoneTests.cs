using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// A job without <c>timeZone</c> runs in the host's <see cref="ExportJobsOptions.TimeZone"/>: the page carries that zone
/// and the jobs list shows such a job's next run in it, named, in Debian's headless chromium. (It showed UTC whatever
/// the host's default zone was.)
/// </summary>
public sealed class DashboardDefaultTimeZoneTests : RolesHostBrowserTest
{
    private const string HostZone = "America/New_York";

    [Fact]
    public async Task JobWithoutZone_ShowsItsNextRunInTheHostsDefaultZone_AndAZonedJobInItsOwn()
    {
        var unzoned = JobBodies.Valid("No zone");
        unzoned.Remove("timeZone");
        var plain = (await Host.Client.CreateJobAsync(unzoned))["id"]!.GetValue<string>();
        var body = JobBodies.Valid("Tokyo job");
        body["timeZone"] = "Asia/Tokyo";
        var zoned = (await Host.Client.CreateJobAsync(body))["id"]!.GetValue<string>();
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            TimezoneId = "UTC",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} viewer" },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Host.Address, "/export-jobs-ui/").ToString());

        Assert.Equal(HostZone, await page.Locator("body").GetAttributeAsync("data-default-time-zone"));
        await Assertions.Expect(page.Locator($"[data-job-id='{plain}'] [data-testid=next-run] time")).ToContainTextAsync($"({HostZone})", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator($"[data-job-id='{zoned}'] [data-testid=next-run] time")).ToContainTextAsync("(Asia/Tokyo)");
        await context.CloseAsync();
    }

    private protected override void ConfigureExportJobs(IExportJobsBuilder builder) =>
        builder.Services.Configure<ExportJobsOptions>(o => o.TimeZone = HostZone);
}
