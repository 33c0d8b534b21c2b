namespace ExportJobs.Cron;

/// <summary>The schedule macros a job may use, each standing for a 5-field cron expression.</summary>
/// <remarks>
/// These are the classic cron macros (Vixie cron's set without <c>@reboot</c>). Cronos also knows <c>@every_minute</c>
/// and <c>@every_second</c>, whatever format it is asked to parse; neither is accepted: nothing finer than a minute
/// runs, and every-minute is written <c>* * * * *</c>. Macros are matched case-insensitively, as Cronos does.
/// </remarks>
internal static class CronMacros
{
    private static readonly Dictionary<string, string> Expressions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>The accepted macros, for error messages and documentation.</summary>
    public static string Names => string.Join(", ", Expressions.Keys);

    /// <summary>Returns the 5-field expression a macro stands for.</summary>
    /// <param name="macro">A schedule that starts with <c>@</c>.</param>
    /// <param name="expression">The expression, when the macro is one of <see cref="Names"/>.</param>
    public static bool TryExpand(string macro, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? expression) =>
        Expressions.TryGetValue(macro.Trim(), out expression);
}
