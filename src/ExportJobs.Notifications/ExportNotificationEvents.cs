namespace ExportJobs.Notifications;

/// <summary>The events a notification channel can be told of (its <c>on</c> list), as they appear in the payload's <c>event</c>.</summary>
public static class ExportNotificationEvents
{
    /// <summary>A run failed and no retry follows (after its last attempt); a run cancelled on request is not one.</summary>
    public const string Failed = "failed";

    /// <summary>The first successful run after a <see cref="Failed"/> one.</summary>
    public const string Recovered = "recovered";

    /// <summary>The library paused the job (repeated failures, or a stored schedule today's rules refuse), with the reason.</summary>
    public const string AutoPaused = "autoPaused";

    /// <summary>A run succeeded; only for channels that ask for it.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>A run was cancelled on request; only for channels that ask for it.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Sent by <c>POST /export-jobs/{id}/notifications/test</c>, to every channel whatever its <c>on</c>.</summary>
    public const string Test = "test";

    /// <summary>The events a channel hears of when it names none: <c>failed</c>, <c>recovered</c>, <c>autoPaused</c>.</summary>
    public static IReadOnlyList<string> Default { get; } = [Failed, Recovered, AutoPaused];

    /// <summary>Every event a channel may name in <c>on</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [Failed, Recovered, AutoPaused, Succeeded, Cancelled];
}
