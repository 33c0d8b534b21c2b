using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on the page as it is now: a view passes when axe finds no violation of
/// serious or critical impact; the message lists each one with its rule, help and the elements it found.
/// </summary>
internal static class Axe
{
    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>The serious and critical violations axe finds on the page now.</summary>
    public static async Task<IReadOnlyList<AxeResultItem>> SeriousViolationsAsync(IPage page)
    {
        AxeResult result;
        try
        {
            result = await page.RunAxe().WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("axe-core did not finish its run within 90 s. It needs the page's timers: a page whose Playwright clock is paused must resume it first (DashboardViews.ResumeClockWithoutPollingAsync).");
        }

        return result.Violations.Where(v => Failing.Contains(v.Impact, StringComparer.Ordinal)).ToList();
    }

    /// <summary>Fails with every serious or critical violation axe finds on the page now; <paramref name="view"/> names the view in the message.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string view)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe-core found {violations.Count} serious or critical violation(s) on the {view} view:\n{Describe(violations)}");
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join('\n', violations.Select(v =>
        $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join('\n', v.Nodes.Take(5).Select(n => $"    {n.Target}: {n.Html}"))));
}
