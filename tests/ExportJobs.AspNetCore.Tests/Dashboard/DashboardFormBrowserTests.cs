using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportJobs.Sample;
using ExportJobs.Testing;
using ExportJobs.Sample.LocalFolder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// The job form of the dashboard in Debian's headless chromium, on a real host with roles, the <c>s3</c> destination,
/// the sample's <c>local-folder</c> plugin (both with settings schemas) and the schema-less <c>recording</c> plugin:
/// create with a validation error fixed in place, edit (secret kept), 412 with reload, duplicate (secret empty and
/// required), delete through an in-page dialog, next runs as you type, test connection and preview, read-only users.
/// Every form view is checked with axe-core; screenshots at 1280 and 390 px go to TestResults/.
/// </summary>
public sealed partial class DashboardFormBrowserTests : RolesHostBrowserTest, IDisposable
{
    private readonly TempDirectory _exports = new();

    private protected override void ConfigureExportJobs(IExportJobsBuilder builder)
    {
        builder.AddS3Destination().AddDestination<LocalFolderDestination>(LocalFolderDestination.TypeName);
        builder.Services.Configure<SampleOptions>(o => o.ExportRoot = _exports.Path);
    }

    [Fact]
    public async Task CreateEditDuplicateDelete_ThroughTheForm_WithAValidationErrorFixedInPlace()
    {
        var page = await OpenAsync("editor", "#/new");
        await Axe.AssertNoSeriousViolationsAsync(page, "new job form");

        // A first try with two mistakes: no name, and a bucket name S3 refuses. Both are shown at once, in place.
        await page.Locator("[data-field='schedule']").FillAsync("0 3 * * *");
        await page.Locator("[data-field='timeZone']").FillAsync("Europe/Berlin");
        await page.Locator("[data-field='destinationType']").SelectOptionAsync("s3");
        await Assertions.Expect(page.Locator("[data-testid=destination-settings][data-editor=schema] [data-field='destinationConfig.bucket']")).ToBeVisibleAsync();
        await page.Locator("[data-field='destinationConfig.bucket']").FillAsync("Not_A_Bucket");
        await page.Locator("[data-field='destinationConfig.accessKeyId']").FillAsync("AKIAEXAMPLE");
        await page.Locator("[data-field='destinationConfig.secretAccessKey']").FillAsync("s3cret-key-value");
        await page.Locator("[data-action=save]").ClickAsync();

        await ExpectInvalidAsync(page, "name");
        await ExpectInvalidAsync(page, "destinationConfig.bucket");
        await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToBeVisibleAsync();
        Assert.Empty(await Host.Store.ListJobsAsync());
        await Axe.AssertNoSeriousViolationsAsync(page, "new job form with errors");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-form-errors-1280.png"), FullPage = true });

        // Fixed in place (what was typed is still there) and sent again.
        await Assertions.Expect(page.Locator("[data-field='destinationConfig.secretAccessKey']")).ToHaveValueAsync("s3cret-key-value");
        await page.Locator("[data-field='name']").FillAsync("Form export");
        await page.Locator("[data-field='destinationConfig.bucket']").FillAsync("form-exports");
        await page.Locator("[data-action=save]").ClickAsync();
        var id = await JobIdFromUrlAsync(page);
        var stored = (await Host.Store.GetJobAsync(id))!;
        Assert.Equal("Form export", stored.Name);
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.Equal("s3cret-key-value", stored.DestinationConfig["secretAccessKey"]!.GetValue<string>());

        // Edit: the secret shows as the mask; sent back unchanged, it keeps the stored one.
        await page.GotoAsync(Url($"#/jobs/{id}/edit"));
        await Assertions.Expect(page.Locator("[data-testid=job-form][data-mode=edit]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-field='destinationConfig.secretAccessKey']")).ToHaveValueAsync("********");
        await Assertions.Expect(page.Locator("[data-field='destinationConfig.bucket']")).ToHaveValueAsync("form-exports");
        await Axe.AssertNoSeriousViolationsAsync(page, "edit job form");
        await page.Locator("[data-field='name']").FillAsync("Form export, edited");
        await page.Locator("[data-action=save]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/jobs/{id}$"), new() { Timeout = Timeout });
        stored = (await Host.Store.GetJobAsync(id))!;
        Assert.Equal("Form export, edited", stored.Name);
        Assert.Equal("s3cret-key-value", stored.DestinationConfig["secretAccessKey"]!.GetValue<string>());

        // Duplicate: pre-filled, but the secret is empty and required; sending it empty creates nothing.
        await page.Locator("[data-action=duplicate]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-form][data-mode=duplicate]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var secret = page.Locator("[data-field='destinationConfig.secretAccessKey']");
        await Assertions.Expect(secret).ToHaveValueAsync("");
        await Assertions.Expect(secret).ToHaveAttributeAsync("aria-required", "true");
        await Assertions.Expect(secret).ToHaveAttributeAsync("required", "");
        await Assertions.Expect(page.Locator("[data-field='name']")).ToHaveValueAsync("Copy of Form export, edited");
        await Assertions.Expect(page.Locator("[data-field='destinationConfig.bucket']")).ToHaveValueAsync("form-exports");
        await Axe.AssertNoSeriousViolationsAsync(page, "duplicate job form");
        await page.Locator("[data-action=save]").ClickAsync();
        await ExpectInvalidAsync(page, "destinationConfig.secretAccessKey");
        Assert.Single(await Host.Store.ListJobsAsync());
        await secret.FillAsync("another-s3cret");
        await page.Locator("[data-action=save]").ClickAsync();
        var copyId = await JobIdFromUrlAsync(page, not: id);
        Assert.Equal("another-s3cret", (await Host.Store.GetJobAsync(copyId))!.DestinationConfig["secretAccessKey"]!.GetValue<string>());

        // Delete the copy: an in-page dialog (cancel keeps it), then DELETE and back to the list.
        await page.Locator("[data-action=delete]").ClickAsync();
        var dialog = page.Locator("[data-testid=delete-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "delete confirmation");
        await dialog.Locator("[data-action=cancel]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.NotNull(await Host.Store.GetJobAsync(copyId));
        await page.Locator("[data-action=delete]").ClickAsync();
        await page.Locator("[data-testid=delete-dialog] [data-action=confirm]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/$"), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Deleted 'Copy of Form export, edited'.");
        Assert.Null(await Host.Store.GetJobAsync(copyId));
        Assert.NotNull(await Host.Store.GetJobAsync(id));
    }

    [Fact]
    public async Task Edit_OfAJobChangedMeanwhile_Is412_AndOffersToReload()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid("Shared job")))["id"]!.GetValue<string>();
        var page = await OpenAsync("editor", $"#/jobs/{id}/edit");
        await page.Locator("[data-field='description']").FillAsync("My change");

        // Someone else changes the job between this form's load and its save.
        var other = JobBodies.Valid("Renamed by someone else");
        using (var put = await Host.Client.PutJsonAsync($"/export-jobs/{id}", other))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await page.Locator("[data-action=save]").ClickAsync();

        var conflict = page.Locator("[data-testid=conflict]");
        await Assertions.Expect(conflict).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(conflict).ToContainTextAsync("changed by someone else");
        Assert.Equal("Renamed by someone else", (await Host.Store.GetJobAsync(id))!.Name);
        Assert.NotEqual("My change", (await Host.Store.GetJobAsync(id))!.Description);
        await Axe.AssertNoSeriousViolationsAsync(page, "edit form after 412");

        await conflict.Locator("[data-action=reload]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='name']")).ToHaveValueAsync("Renamed by someone else");
        await Assertions.Expect(conflict).ToBeHiddenAsync();
        await page.Locator("[data-field='description']").FillAsync("My change, again");
        await page.Locator("[data-action=save]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/jobs/{id}$"), new() { Timeout = Timeout });
        Assert.Equal("My change, again", (await Host.Store.GetJobAsync(id))!.Description);
    }

    [Fact]
    public async Task DestinationSettings_AreAFormFromTheSchema_OrAJsonEditorForATypeWithout()
    {
        var page = await OpenAsync("editor", "#/new");
        var settings = page.Locator("[data-testid=destination-settings]");

        await page.Locator("[data-field='destinationType']").SelectOptionAsync(LocalFolderDestination.TypeName);
        await Assertions.Expect(settings).ToHaveAttributeAsync("data-editor", "schema");
        await Assertions.Expect(settings.Locator("[data-field]")).ToHaveCountAsync(1);
        await Assertions.Expect(settings.Locator("[data-field='destinationConfig.path']")).ToBeVisibleAsync();
        await Assertions.Expect(settings.Locator("label[for]")).ToHaveTextAsync("Folder");

        await page.Locator("[data-field='destinationType']").SelectOptionAsync("s3");
        await Assertions.Expect(settings.Locator("[data-field='destinationConfig.secretAccessKey']")).ToHaveAttributeAsync("type", "password");
        await Assertions.Expect(settings.Locator("[data-field='destinationConfig.bucket']")).ToHaveAttributeAsync("aria-required", "true");
        await Assertions.Expect(settings.Locator("[data-field='destinationConfig.partSizeMb']")).ToHaveAttributeAsync("placeholder", "default: 16");

        // recording declares no schema: a JSON editor, whose text is checked as JSON before anything is sent.
        await page.Locator("[data-field='destinationType']").SelectOptionAsync("recording");
        await Assertions.Expect(settings).ToHaveAttributeAsync("data-editor", "json");
        await page.Locator("[data-field='name']").FillAsync("JSON settings");
        await page.Locator("[data-field='destinationConfig']").FillAsync("{ \"path\": ");
        await page.Locator("[data-action=save]").ClickAsync();
        await ExpectInvalidAsync(page, "destinationConfig", "not valid JSON");
        Assert.Empty(await Host.Store.ListJobsAsync());
        await page.Locator("[data-field='destinationConfig']").FillAsync("{ \"path\": \"exports/json\", \"token\": \"t0ken-value\" }");
        await page.Locator("[data-action=save]").ClickAsync();
        var id = await JobIdFromUrlAsync(page);
        Assert.Equal("exports/json", (await Host.Store.GetJobAsync(id))!.DestinationConfig["path"]!.GetValue<string>());

        // The form at phone width: no horizontal scrolling, no serious accessibility violation.
        var phone = await OpenAsync("editor", "#/new", width: 390, height: 844);
        await phone.Locator("[data-field='destinationType']").SelectOptionAsync("s3");
        await phone.Locator("[data-testid=advanced] summary").ClickAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The form scrolls horizontally at 390 px: " + await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await Axe.AssertNoSeriousViolationsAsync(phone, "new job form at 390 px");
        await phone.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-form-390.png"), FullPage = true });
        await page.GotoAsync(Url("#/new"));
        await Assertions.Expect(page.Locator("[data-testid=job-form]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.Locator("[data-field='destinationType']").SelectOptionAsync("s3");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath("dashboard-form-1280.png"), FullPage = true });
    }

    [Fact]
    public async Task NextFiveRuns_FollowTheScheduleAsYouType_InTheJobsZone()
    {
        var page = await OpenAsync("editor", "#/new");
        var runs = page.Locator("[data-testid=next-runs-preview] time");
        await page.Locator("[data-field='timeZone']").FillAsync("America/New_York");
        await page.Locator("[data-field='schedule']").FillAsync("15 6 * * *");
        await ExpectRunsAsync(page, runs, "15 6 * * *", "America/New_York");
        var before = await runs.First.GetAttributeAsync("datetime");

        // Typing a new schedule changes the list (waited for, not timed), to what the API answers for it.
        await page.Locator("[data-field='schedule']").FillAsync("45 22 * * 1-5");
        await Assertions.Expect(runs.First).Not.ToHaveAttributeAsync("datetime", before!, new() { Timeout = Timeout });
        await ExpectRunsAsync(page, runs, "45 22 * * 1-5", "America/New_York");
        await Assertions.Expect(page.Locator("[data-testid=next-runs-note]")).ToHaveTextAsync("In America/New_York.");

        // A schedule the API refuses: the list empties and says why.
        await page.Locator("[data-field='schedule']").FillAsync("99 * * * *");
        await Assertions.Expect(runs).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=next-runs-note]")).ToContainTextAsync("'99 * * * *' is not a valid");
    }

    [Fact]
    public async Task TestConnection_AndPreviewRows_ShowTheirResults_BeforeSaving()
    {
        Directory.CreateDirectory(Path.Combine(_exports.Path, "out"));
        var page = await OpenAsync("editor", "#/new");
        await page.Locator("[data-field='name']").FillAsync("Tried first");
        await page.Locator("[data-field='destinationType']").SelectOptionAsync(LocalFolderDestination.TypeName);
        await page.Locator("[data-field='destinationConfig.path']").FillAsync("out");

        await page.Locator("[data-action=test-connection]").ClickAsync();
        var outcome = page.Locator("[data-testid=test-outcome]");
        await Assertions.Expect(outcome).ToHaveTextAsync("Connection works.", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=check]").First).ToHaveClassAsync("ok");

        // Settings the destination refuses: the test answers with the field's error, in place.
        await page.Locator("[data-field='destinationConfig.path']").FillAsync("../outside");
        await page.Locator("[data-action=test-connection]").ClickAsync();
        await ExpectInvalidAsync(page, "destinationConfig.path", "inside the export root");

        await page.Locator("[data-field='destinationConfig.path']").FillAsync("out");
        await page.Locator("[data-action=preview]").ClickAsync();
        var content = page.Locator("[data-testid=preview-content]");
        await Assertions.Expect(content).ToContainTextAsync("sku,name,price,description", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=preview-summary]")).ToContainTextAsync("10 records");
        await Axe.AssertNoSeriousViolationsAsync(page, "form with test and preview results");
        Assert.Empty(await Host.Store.ListJobsAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_exports.Path, "out")));
    }

    [Fact]
    public async Task ReadOnlyUser_SeesNoEditButtonsNorForm_AndTheApiRefusesEditsAnyway()
    {
        var id = (await Host.Client.CreateJobAsync(JobBodies.Valid("Read only")))["id"]!.GetValue<string>();

        var viewer = await OpenAsync("viewer", $"#/jobs/{id}");
        await Assertions.Expect(viewer.Locator("body[data-can-edit=false]")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.Locator("[data-action=history], h2").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator("[data-action=edit], [data-action=duplicate], [data-action=delete], [data-action=create]")).ToHaveCountAsync(0);

        await viewer.GotoAsync(Url($"#/jobs/{id}/edit"));
        await Assertions.Expect(viewer.Locator("#view")).ToContainTextAsync("You may not create or change export jobs.", new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator("[data-testid=job-form]")).ToHaveCountAsync(0);

        // Trying anyway, as the page's own user: 403 from the API.
        foreach (var (method, path, body) in new[]
        {
            ("POST", "/export-jobs", JobBodies.Valid().ToJsonString()),
            ("PUT", $"/export-jobs/{id}", JobBodies.Valid().ToJsonString()),
            ("DELETE", $"/export-jobs/{id}", ""),
            ("POST", "/export-jobs/schedule", "{\"schedule\": \"0 2 * * *\"}"),
        })
        {
            var status = await viewer.EvaluateAsync<int>(
                "async ([method, path, body]) => (await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body || undefined })).status",
                new object[] { method, path, body });
            Assert.True(status == (int)HttpStatusCode.Forbidden, $"{method} {path} answered {status}");
        }

        Assert.Equal("Read only", (await Host.Store.GetJobAsync(id))!.Name);
    }

    public void Dispose() => _exports.Dispose();

    private async Task ExpectRunsAsync(IPage page, ILocator runs, string schedule, string zone)
    {
        using var answer = await Host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = schedule, ["timeZone"] = zone });
        var expected = (await answer.ReadJsonAsync())["nextRuns"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        await Assertions.Expect(runs).ToHaveCountAsync(5, new() { Timeout = Timeout });
        for (var i = 0; i < 5; i++)
        {
            await Assertions.Expect(runs.Nth(i)).ToHaveAttributeAsync("datetime", expected[i], new() { Timeout = Timeout });
        }

        Assert.All(await runs.AllTextContentsAsync(), t => Assert.EndsWith($"({zone})", t, StringComparison.Ordinal));
        _ = page;
    }

    private static async Task ExpectInvalidAsync(IPage page, string key, string? text = null)
    {
        var control = page.Locator($"[data-field='{key}']");
        await Assertions.Expect(control).ToHaveAttributeAsync("aria-invalid", "true", new() { Timeout = Timeout });
        var error = page.Locator($".field[data-key='{key}'] [data-testid=field-error]");
        await Assertions.Expect(error).ToBeVisibleAsync();
        if (text is not null)
        {
            await Assertions.Expect(error).ToContainTextAsync(text);
        }

        // The error is announced with the field: aria-describedby names it.
        var errorId = await error.GetAttributeAsync("id");
        Assert.Contains(errorId!, (await control.GetAttributeAsync("aria-describedby"))!.Split(' '));
    }

    private static async Task<string> JobIdFromUrlAsync(IPage page, string? not = null)
    {
        await Assertions.Expect(page).ToHaveURLAsync(not is null ? JobPage() : new Regex($"#/jobs/(?!{not}$)[0-9a-f]+$"), new() { Timeout = Timeout });
        return JobPage().Match(page.Url).Groups[1].Value;
    }

    [GeneratedRegex("#/jobs/([0-9a-f]+)$")]
    private static partial Regex JobPage();

    private string Url(string hash) => new Uri(Host.Address, "/export-jobs-ui/" + hash).ToString();

    private async Task<IPage> OpenAsync(string role, string hash, int width = 1280, int height = 900)
    {
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"{ApiHost.Scheme} {role}" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(hash));
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        if (hash.EndsWith("/new", StringComparison.Ordinal) || hash.EndsWith("/edit", StringComparison.Ordinal) && role == "editor")
        {
            await Assertions.Expect(page.Locator("[data-testid=job-form]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        }

        return page;
    }
}
