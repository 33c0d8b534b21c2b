using System.Text.Json;
using Microsoft.Playwright;

namespace ExportJobs.Benchmarks.Dashboard;

/// <summary>
/// Debian's headless chromium driven by Playwright: loads the dashboard's list, then times in the page (performance.now())
/// a search and each status filter, counting the requests the page makes meanwhile.
/// </summary>
internal sealed class DashboardProbe : IAsyncDisposable
{
    /// <summary>The list's hooks (see the dashboard's list.js).</summary>
    public const string Rows = "[data-testid=job]";
    public const string Search = "[data-testid=search]";
    public const string StatusFilter = "select[data-testid=filter]";
    public const string Summary = "[data-testid=list-summary]";

    /// <summary>Rows a page of the list shows (list.js pageSize).</summary>
    private const int PageSize = 50;

    private const string Chromium = "/usr/bin/chromium";

    // Runs before the page's own scripts: the time (performance.now()) at which the list's rows are first in the DOM,
    // and the start of the frame after it (layout and paint of that frame follow).
    private const string Instrument = """
        (() => {
          const bench = window.__bench = { rendered: null, frame: null };
          const observer = new MutationObserver(() => {
            if (bench.rendered === null && document.querySelector('ROWS')) {
              bench.rendered = performance.now();
              observer.disconnect();
              requestAnimationFrame(() => { bench.frame = performance.now(); });
            }
          });
          observer.observe(document, { childList: true, subtree: true });
        })();
        """;

    // When the list's response arrived: the end of the first fetch of the list (resource timing, same clock).
    private const string LoadFigures = """
        () => {
          const list = performance.getEntriesByType('resource').find((e) => {
            const path = new URL(e.name).pathname;
            return e.initiatorType === 'fetch' && /\/export-jobs\/?$/.test(path);
          });
          return { responseEnd: list ? list.responseEnd : -1, requestStart: list ? list.requestStart : -1, bytes: list ? list.encodedBodySize : -1,
                   rendered: window.__bench.rendered, frame: window.__bench.frame, rows: document.querySelectorAll('ROWS').length };
        }
        """;

    // Applies an operation (`apply`, a function body) and resolves with the milliseconds until the rows satisfy
    // `done(rows)` after a DOM change, plus one animation frame; rejects after 10 s.
    private const string TimeOperation = """
        async ({ apply, done }) => {
          const applyIt = new Function(apply);
          const isDone = new Function('rows', done);
          return await new Promise((resolve, reject) => {
            let start;
            const check = () => isDone([...document.querySelectorAll('ROWS')]);
            const observer = new MutationObserver(() => {
              if (check()) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
            setTimeout(() => { observer.disconnect(); const rows = document.querySelectorAll('ROWS'); reject(new Error(`the list did not change to the expected rows within 10 s: ${rows.length} rows, summary '${document.querySelector('SUMMARY')?.textContent}'`)); }, 10000);
            start = performance.now();
            applyIt();
          });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _address;

    private DashboardProbe(IPlaywright playwright, IBrowser browser, Uri address)
    {
        _playwright = playwright;
        _browser = browser;
        _address = address;
    }

    public static async Task<DashboardProbe> StartAsync(Uri address)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The harness needs Debian's chromium at {Chromium} (bash .ci/install-chromium.sh).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
        return new DashboardProbe(playwright, browser, address);
    }

    public async Task<Figures> MeasureAsync(JobSet set, int repeats)
    {
        var figures = new Figures();
        for (var repeat = 0; repeat <= repeats; repeat++) // repeat 0 warms up (server and browser caches), not counted
        {
            await using var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add($"{request.Method} {request.Url}");
            await page.AddInitScriptAsync(Expand(Instrument));
            await page.GotoAsync(new Uri(_address, "/export-jobs-ui/").ToString());
            await page.Locator("body[data-ready=true]").WaitForAsync(new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync("() => window.__bench.frame !== null", null, new() { Timeout = 60_000 });
            var load = await page.EvaluateAsync<JsonElement>(Expand(LoadFigures));
            var responseEnd = load.GetProperty("responseEnd").GetDouble();
            if (responseEnd < 0)
            {
                throw new InvalidOperationException("The page made no fetch of the job list (GET …/export-jobs/).");
            }

            if (repeat > 0)
            {
                figures.Add("list response -> rows in the DOM", load.GetProperty("rendered").GetDouble() - responseEnd, 0);
                figures.Add("list response -> next frame", load.GetProperty("frame").GetDouble() - responseEnd, 0);
                figures.Add("list request sent -> response arrived (server + transfer)", responseEnd - load.GetProperty("requestStart").GetDouble(), 0);
                figures.RowsShown = load.GetProperty("rows").GetInt32();
                figures.ListBytes = load.GetProperty("bytes").GetInt64();
            }

            var hasSearch = await page.Locator(Search).CountAsync() > 0;
            var hasFilter = await page.Locator(StatusFilter).CountAsync() > 0;
            if (repeat == 0 && (!hasSearch || !hasFilter))
            {
                figures.Missing.Add($"The page has no {(hasSearch ? "" : $"search box ({Search}) ")}{(hasFilter ? "" : $"status filter ({StatusFilter})")}: not measured.");
            }

            foreach (var (name, apply, done, reset) in Operations(set))
            {
                if (name.StartsWith("search", StringComparison.Ordinal) ? !hasSearch : !hasFilter)
                {
                    continue;
                }

                requests.Clear();
                double ms;
                try
                {
                    ms = await page.EvaluateAsync<double>(Expand(TimeOperation), new { apply = Expand(apply), done = Expand(done) });
                }
                catch (PlaywrightException e)
                {
                    throw new InvalidOperationException($"{name}: {e.Message}", e);
                }

                var during = requests.Count;
                if (during > 0)
                {
                    figures.Requests.AddRange(requests.Select(r => $"{name}: {r}"));
                }

                if (repeat > 0)
                {
                    figures.Add(name, ms, during);
                }

                await page.EvaluateAsync<double>(Expand(TimeOperation), new { apply = Expand(reset), done = "return rows.length > 0;" });
            }
        }

        return figures;
    }

    /// <summary>Each operation: its name, the code applying it, the condition on the rows when it is done, and the code undoing it.</summary>
    private static IEnumerable<(string Name, string Apply, string Done, string Reset)> Operations(JobSet set)
    {
        const string clearSearch = "const s = document.querySelector('SEARCH'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));";
        const string clearFilter = "const f = document.querySelector('FILTER'); f.value = 'all'; f.dispatchEvent(new Event('change', { bubbles: true }));";
        var term = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"products {set.Count * 42 / 100:D4}"); // one job (JobSet.NameOf)
        yield return (
            $"search \"{term}\" (1 of {set.Count})",
            Fill("SEARCH", term, "input"),
            $"return rows.length === 1 && rows[0].textContent.includes({JsonSerializer.Serialize(term)}) && {Matches(1, set.Count)};",
            clearSearch);
        foreach (var (status, count, test) in new[]
        {
            ("failing", set.Failing, "r.querySelector('[data-testid=last-run] .badge.failed') !== null"),
            ("running", set.Running, "r.querySelector('[data-testid=last-run] .badge.running') !== null"),
            ("paused", set.Paused, "r.querySelector('[data-testid=state].paused') !== null"),
            ("active", set.Count - set.Paused, "r.querySelector('[data-testid=state].active') !== null"),
        })
        {
            yield return (
                $"filter {status} ({count} of {set.Count}, first page shown)",
                Fill("FILTER", status, "change"),
                $"return rows.length === {Math.Min(count, PageSize)} && rows.every((r) => {test}) && {Matches(count, set.Count)};",
                clearFilter);
        }

        static string Matches(int count, int total) =>
            $"document.querySelector('SUMMARY').textContent.trim() === {JsonSerializer.Serialize($"{count} of {total} jobs match")}";

        static string Fill(string selector, string value, string eventName) =>
            $"const e = document.querySelector('{selector}'); e.value = {JsonSerializer.Serialize(value)}; e.dispatchEvent(new Event('{eventName}', {{ bubbles: true }}));";
    }

    private static string Expand(string script) => script
        .Replace("ROWS", Rows, StringComparison.Ordinal)
        .Replace("SEARCH", Search, StringComparison.Ordinal)
        .Replace("FILTER", StatusFilter, StringComparison.Ordinal)
        .Replace("SUMMARY", Summary, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
