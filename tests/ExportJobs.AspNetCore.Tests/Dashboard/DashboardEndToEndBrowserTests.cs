using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportJobs.Sample.Seeding;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// Issue 18's end-to-end flow on the running sample host (Kestrel on 127.0.0.1, its own settings: an API key and a
/// read-only key, 300 products read at 0.4 s each so a run lasts about two minutes unless cancelled, the seeded
/// failing job), in Debian's headless chromium: create a job through the form with a validation error fixed in place,
/// edit it, duplicate it, trigger it and watch its progress move on the run's page, cancel it, see the failing job's
/// failure and error on the list, pause and resume, delete the copy; a read-only user sees no edit or run buttons and
/// gets 403 from the API.
/// Every view is checked with axe-core and kept as a screenshot at 1280 and 390 px in TestResults/ (e2e-*.png).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed partial class DashboardEndToEndBrowserTests : IAsyncLifetime
{
    private const string Key = "e2e-editor-key-0123456789";
    private const string ReadOnlyKey = "e2e-viewer-key-0123456789";
    private static readonly float Timeout = HeadlessChromium.Timeout;

    private readonly SampleHost _host = new(new Dictionary<string, string?>
    {
        ["Sample:ApiKey"] = Key,
        ["Sample:ReadOnlyApiKey"] = ReadOnlyKey,
        ["Sample:ProductCount"] = "300",
        ["Sample:RecordDelay"] = "00:00:00.4",
        ["Sample:SeedFailingJob"] = "true",
    });

    private HeadlessChromium _chromium = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _host.StartServer();
        _api = _host.CreateClient();
        _api.DefaultRequestHeaders.Add("X-Api-Key", Key);
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
    public async Task TheOperatorsFlow_OnTheRunningSample_AndAReadOnlyUser()
    {
        var failing = await FailingJobAsync();
        var page = await OpenAsync(Key, "#/");
        await CheckViewAsync(page, "list");

        // Create through the form: a first try with a missing name and a folder outside the export root, both shown in
        // place at once; fixed there (what was typed stays) and saved.
        await page.Locator("[data-action=create]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/new$"), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=job-form]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await CheckViewAsync(page, "new-job-form");
        await page.Locator("[data-field='schedule']").FillAsync("0 4 1 1 *");
        await page.Locator("[data-field='destinationType']").SelectOptionAsync("local-folder");
        await page.Locator("[data-field='destinationConfig.path']").FillAsync("../outside");
        await page.Locator("[data-action=save]").ClickAsync();
        await ExpectInvalidAsync(page, "name");
        await ExpectInvalidAsync(page, "destinationConfig.path", "inside the export root");
        await CheckViewAsync(page, "new-job-form-errors");
        Assert.Single(await JobsAsync());
        await Assertions.Expect(page.Locator("[data-field='schedule']")).ToHaveValueAsync("0 4 1 1 *");
        await page.Locator("[data-field='name']").FillAsync("E2E products");
        await page.Locator("[data-field='destinationConfig.path']").FillAsync("e2e/products");
        await page.Locator("[data-action=save]").ClickAsync();
        var id = await JobIdFromUrlAsync(page);
        var created = await JobAsync(id);
        Assert.Equal(("E2E products", "0 4 1 1 *", "e2e/products"), (created["name"]!.GetValue<string>(), created["schedule"]!.GetValue<string>(), created["destinationConfig"]!["path"]!.GetValue<string>()));
        await Assertions.Expect(page.Locator("[data-testid=job-detail]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await CheckViewAsync(page, "job");

        // Edit.
        await page.Locator("[data-action=edit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-form][data-mode=edit]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-field='name']")).ToHaveValueAsync("E2E products");
        await CheckViewAsync(page, "edit-job-form");
        await page.Locator("[data-field='description']").FillAsync("Edited in the end-to-end test.");
        await page.Locator("[data-action=save]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/jobs/{id}$"), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=job-detail]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal("Edited in the end-to-end test.", (await JobAsync(id))["description"]!.GetValue<string>());

        // Duplicate: the form pre-filled from the job (local-folder has no secrets to retype), saved as a new job.
        await page.Locator("[data-action=duplicate]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-form][data-mode=duplicate]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-field='name']")).ToHaveValueAsync("Copy of E2E products");
        await Assertions.Expect(page.Locator("[data-field='destinationConfig.path']")).ToHaveValueAsync("e2e/products");
        await CheckViewAsync(page, "duplicate-job-form");
        await page.Locator("[data-action=save]").ClickAsync();
        var copyId = await JobIdFromUrlAsync(page, not: id);
        Assert.Equal("Copy of E2E products", (await JobAsync(copyId))["name"]!.GetValue<string>());

        // Trigger the first job from its page; its run (300 records at 0.4 s) shows a progress bar that moves.
        await page.GotoAsync(Url($"#/jobs/{id}"));
        await Assertions.Expect(page.Locator("[data-testid=job-detail]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid=job-detail] [data-action=run]").ClickAsync();
        var runLink = page.Locator("[data-testid=run-link]").First;
        await Assertions.Expect(runLink).ToBeVisibleAsync(new() { Timeout = Timeout });
        await runLink.ClickAsync();
        var progress = page.Locator("[data-testid=progress]");
        await Assertions.Expect(progress).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(progress).Not.ToHaveAttributeAsync("data-records", "0", new() { Timeout = Timeout });
        var first = long.Parse((await progress.GetAttributeAsync("data-records"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync(
            "(first) => { const p = document.querySelector('[data-testid=progress]'); return p !== null && Number(p.dataset.records) > first; }",
            first,
            new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=progress-bar]")).ToBeVisibleAsync();
        await CheckViewAsync(page, "run-in-progress");

        // Cancel it: the run ends failed, cancelled, before its 300th record.
        await page.Locator("[data-action=cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("failed", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-field=cancelled]")).ToContainTextAsync("yes");
        await Assertions.Expect(progress).ToHaveCountAsync(0);
        await CheckViewAsync(page, "run-cancelled");
        var runs = (await _api.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{id}/runs", UriKind.Relative)))!;
        var cancelled = Assert.Single(runs)!;
        Assert.Equal(("failed", true), (cancelled["status"]!.GetValue<string>(), cancelled["cancelled"]!.GetValue<bool>()));

        // The list shows the failing job's failure, and its error.
        await page.GotoAsync(Url("#/"));
        var failingRow = page.Locator($"[data-testid=job][data-job-id='{failing.Id}']");
        await Assertions.Expect(failingRow.Locator("[data-testid=last-run] .badge")).ToHaveTextAsync("failed", new() { Timeout = Timeout });
        var lastError = failingRow.Locator("[data-testid=last-run-error]");
        await Assertions.Expect(lastError).ToContainTextAsync("'refused' inside the export root is a file, not a folder", new() { Timeout = Timeout });
        // The job also runs hourly ("0 * * * *"): a test that spans the top of an hour sees that run's error, which names
        // another file. Compare what follows the file's name, the same for every run of the job.
        var reason = failing.Error[failing.Error.IndexOf(" to the ", StringComparison.Ordinal)..];
        await Assertions.Expect(lastError).ToContainTextAsync(reason[..Math.Min(100, reason.Length)]);
        await lastError.Locator("summary").ClickAsync();
        await Assertions.Expect(lastError).ToHaveAttributeAsync("open", "");
        await CheckViewAsync(page, "list-with-failure");

        // Pause and resume, from the list.
        var row = page.Locator($"[data-testid=job][data-job-id='{id}']");
        await row.Locator("[data-action=pause]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-action=resume]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.False((await JobAsync(id))["active"]!.GetValue<bool>());
        await row.Locator("[data-action=resume]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-action=pause]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.True((await JobAsync(id))["active"]!.GetValue<bool>());

        // Delete the copy from its page, through the in-page dialog.
        await page.GotoAsync(Url($"#/jobs/{copyId}"));
        await Assertions.Expect(page.Locator("[data-testid=job-detail]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.Locator("[data-action=delete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=delete-dialog]")).ToBeVisibleAsync();
        await CheckViewAsync(page, "delete-dialog");
        await page.Locator("[data-testid=delete-dialog] [data-action=confirm]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/$"), new() { Timeout = Timeout });
        using (var gone = await _api.GetAsync(new Uri($"/export-jobs/{copyId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await Assertions.Expect(page.Locator($"[data-testid=job][data-job-id='{copyId}']")).ToHaveCountAsync(0, new() { Timeout = Timeout });

        await ReadOnlyUser_SeesNoEditOrRunButtons_AndGets403Anyway(id);
    }

    private async Task ReadOnlyUser_SeesNoEditOrRunButtons_AndGets403Anyway(string id)
    {
        const string Changes = "[data-action=run], [data-action=pause], [data-action=resume], [data-action=cancel], [data-action=edit], [data-action=duplicate], [data-action=delete], [data-action=create]";
        var viewer = await OpenAsync(ReadOnlyKey, "#/");
        await Assertions.Expect(viewer.Locator($"[data-testid=job][data-job-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator("body[data-can-operate=false][data-can-edit=false]")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.Locator(Changes)).ToHaveCountAsync(0);
        await CheckViewAsync(viewer, "read-only-list");
        await viewer.GotoAsync(Url($"#/jobs/{id}"));
        await Assertions.Expect(viewer.Locator("[data-testid=job-detail]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(viewer.Locator(Changes)).ToHaveCountAsync(0);
        await CheckViewAsync(viewer, "read-only-job");

        // Trying anyway, as the page's own user (its key): the API refuses, and nothing changed.
        foreach (var (method, path, body) in new[]
        {
            ("POST", $"/export-jobs/{id}/trigger", ""),
            ("POST", $"/export-jobs/{id}/pause", ""),
            ("POST", "/export-jobs", "{}"),
            ("PUT", $"/export-jobs/{id}", "{}"),
            ("DELETE", $"/export-jobs/{id}", ""),
        })
        {
            var status = await viewer.EvaluateAsync<int>(
                "async ([method, path, body]) => (await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body || undefined })).status",
                new object[] { method, path, body });
            Assert.True(status == (int)HttpStatusCode.Forbidden, $"{method} {path} answered {status} to the read-only user, not 403");
        }

        var job = await JobAsync(id);
        Assert.True(job["active"]!.GetValue<bool>());
        Assert.Single((await _api.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{id}/runs", UriKind.Relative)))!);
    }

    /// <summary>The seeded failing job, once its first run has ended (failed).</summary>
    private async Task<(string Id, string Error)> FailingJobAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = (await JobsAsync()).Single(j => j["name"]!.GetValue<string>() == DemoJobSeeder.FailingJobName);
            if (job["lastRun"] is JsonObject last && last["status"]!.GetValue<string>() == "failed")
            {
                var run = (await _api.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{job["id"]}/runs/{last["id"]}", UriKind.Relative)))!;
                return (job["id"]!.GetValue<string>(), run["error"]!.GetValue<string>());
            }

            Assert.True(DateTime.UtcNow < deadline, "The seeded failing job's first run did not fail within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>axe-core on the view as it is, and a screenshot, at 1280 px and at 390 px (then back to 1280).</summary>
    private static async Task CheckViewAsync(IPage page, string view)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await Axe.AssertNoSeriousViolationsAsync(page, $"{view} at {width} px");
            await page.ScreenshotAsync(new() { Path = HeadlessChromium.ArtifactPath($"e2e-{view}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    private static async Task ExpectInvalidAsync(IPage page, string key, string? text = null)
    {
        await Assertions.Expect(page.Locator($"[data-field='{key}']")).ToHaveAttributeAsync("aria-invalid", "true", new() { Timeout = Timeout });
        var error = page.Locator($".field[data-key='{key}'] [data-testid=field-error]");
        await Assertions.Expect(error).ToBeVisibleAsync();
        if (text is not null)
        {
            await Assertions.Expect(error).ToContainTextAsync(text);
        }
    }

    private static async Task<string> JobIdFromUrlAsync(IPage page, string? not = null)
    {
        await Assertions.Expect(page).ToHaveURLAsync(not is null ? JobPage() : new Regex($"#/jobs/(?!{not}$)[0-9a-f]+$"), new() { Timeout = Timeout });
        return JobPage().Match(page.Url).Groups[1].Value;
    }

    [GeneratedRegex("#/jobs/([0-9a-f]+)$")]
    private static partial Regex JobPage();

    private async Task<List<JsonObject>> JobsAsync() =>
        [.. (await _api.GetFromJsonAsync<JsonArray>(new Uri("/export-jobs", UriKind.Relative)))!.Select(j => j!.AsObject())];

    private async Task<JsonObject> JobAsync(string id) =>
        (await _api.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}", UriKind.Relative)))!;

    private string Url(string hash) => new Uri(_host.Address, "/export-jobs-ui/" + hash).ToString();

    private async Task<IPage> OpenAsync(string key, string hash)
    {
        var context = await _chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = key },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(hash));
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        return page;
    }
}
