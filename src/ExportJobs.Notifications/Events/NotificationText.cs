using System.Globalization;
using ExportJobs.Model;

namespace ExportJobs.Notifications.Events;

/// <summary>The event as words, for the e-mail and the chat message: a title and the run's facts, one per line.</summary>
internal static class NotificationText
{
    public static string Title(NotificationEvent e)
    {
        var job = e.JobName ?? e.JobId;
        return e.Event switch
        {
            ExportNotificationEvents.Failed => $"Export '{job}' failed",
            ExportNotificationEvents.Recovered => $"Export '{job}' recovered",
            ExportNotificationEvents.AutoPaused => $"Export '{job}' was paused",
            ExportNotificationEvents.Succeeded => $"Export '{job}' succeeded",
            ExportNotificationEvents.Cancelled => $"Export '{job}' was cancelled",
            ExportNotificationEvents.Test => $"Test notification for export '{job}'",
            _ => $"Export '{job}': {e.Event}",
        };
    }

    /// <summary>The facts that apply, as label and value.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(NotificationEvent e)
    {
        var facts = new List<(string, string)> { ("Job", e.JobName is null ? e.JobId : $"{e.JobName} ({e.JobId})") };
        if (e.Run is { } run)
        {
            facts.Add(("Run", run.Id));
            facts.Add(("Status", NotificationPayload.StatusName(run.Status)));
            facts.Add(("Attempt", run.Attempt.ToString(CultureInfo.InvariantCulture)));
            Add(facts, "Scheduled", run.ScheduledAt);
            facts.Add(("Started", run.StartedAt.ToString("O", CultureInfo.InvariantCulture)));
            Add(facts, "Completed", run.CompletedAt);
            if (run.RecordCount is { } records)
            {
                facts.Add(("Records", records.ToString("N0", CultureInfo.InvariantCulture)));
            }

            if (run.FileSize is { } bytes)
            {
                facts.Add(("File size", bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"));
            }

            if (run.DestinationPath is { } path)
            {
                facts.Add(("Delivered to", path));
            }

            if (run.Error is { } error)
            {
                facts.Add(("Error", error));
            }
        }

        if (e.Reason is { } reason)
        {
            facts.Add(("Reason", reason));
        }

        if (e.Link is { } link)
        {
            facts.Add(("Details", link.AbsoluteUri));
        }

        return facts;
    }

    private static void Add(List<(string, string)> facts, string label, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            facts.Add((label, v.ToString("O", CultureInfo.InvariantCulture)));
        }
    }
}
