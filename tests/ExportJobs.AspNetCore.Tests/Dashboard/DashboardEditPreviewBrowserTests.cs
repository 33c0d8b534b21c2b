using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// "Preview rows" in the edit form of a job whose destination has secrets (azure-blob, sftp), in Debian's headless
/// chromium: the form shows the secrets masked and sends them so; the job's own preview endpoint stands the stored
/// secrets behind the masks, so the edit previews, and nothing is saved.
/// </summary>
public sealed class DashboardEditPreviewBrowserTests : RolesHostBrowserTest
{
    private const string ConnectionString = "DefaultEndpointsProtocol=https;AccountName=exportjobs;AccountKey=c3RvcmVkLWFjY291bnQta2V5LTEyMzQ1Njc4OTA=;EndpointSuffix=core.windows.net";

    private protected override void ConfigureExportJobs(IExportJobsBuilder builder) =>
        builder.AddAzureBlobDestination().AddSftpDestination();

    [Theory]
    [InlineData("azure-blob", "connectionString")]
    [InlineData("sftp", "password")]
    public async Task EditForm_OfAJobWithSecrets_PreviewsRows_WithTheStoredSecrets_AndSavesNothing(string type, string secret)
    {
        var config = type == "azure-blob"
            ? new JsonObject { ["container"] = "exports", ["connectionString"] = ConnectionString }
            : new JsonObject { ["host"] = "sftp.example.com", ["username"] = "exporter", ["password"] = "stored-sftp-password-4711" };
        var body = new JsonObject
        {
            ["name"] = "Secret job",
            ["destinationType"] = type,
            ["destinationConfig"] = config,
            ["format"] = "csv",
            ["schedule"] = "0 2 * * *",
            ["timeZone"] = "Europe/Berlin",
            ["active"] = false,
        };
        var id = (await Host.Client.CreateJobAsync(body))["id"]!.GetValue<string>();
        var before = (await Host.Store.GetJobAsync(id))!;

        var context = await Chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} editor" },
        });
        var page = await context.NewPageAsync();
        var previews = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/preview", StringComparison.Ordinal))
            {
                previews.Add(new Uri(request.Url).AbsolutePath);
            }
        };
        await page.GotoAsync(new Uri(Host.Address, $"/export-jobs-ui/#/jobs/{id}/edit").ToString());
        await Assertions.Expect(page.Locator("[data-testid=job-form][data-mode=edit]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator($"[data-field='destinationConfig.{secret}']")).ToHaveValueAsync("********", new() { Timeout = Timeout });

        // An edit not saved: another name; then the rows it would export.
        await page.Locator("[data-field='name']").FillAsync("Secret job, edited");
        await page.Locator("[data-action=preview]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=preview-summary]")).ToContainTextAsync("10 records", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=preview-content]")).ToContainTextAsync("sku,name,price,description");
        await Assertions.Expect(page.Locator($"[data-field='destinationConfig.{secret}']")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal([$"/export-jobs/{id}/preview"], previews);
        var after = (await Host.Store.GetJobAsync(id))!;
        Assert.Equal("Secret job", after.Name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.DestinationConfig.ToJsonString(), after.DestinationConfig.ToJsonString());
    }
}
