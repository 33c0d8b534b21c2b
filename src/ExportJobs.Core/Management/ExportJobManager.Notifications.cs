using ExportJobs.Extensibility;

namespace ExportJobs.Management;

/// <summary>Testing a job's notification channels.</summary>
public sealed partial class ExportJobManager
{
    private static readonly TimeSpan NotificationTestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Why a host without notifications refuses a notification test.</summary>
    internal const string NoNotifications =
        "This host sends no notifications: add them with AddNotifications() (package ExportJobs.Notifications) and configure ExportJobs:Notifications.";

    /// <summary>Sends a test event to each notification channel of a job and says, per channel, whether it was accepted.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the test (it stops by itself after two minutes).</param>
    /// <returns>One result per channel; <see cref="ExportResult{T}.NotFound"/> for an unknown job; <see cref="ExportResult{T}.Unavailable"/> on a host without notifications.</returns>
    /// <remarks>Each channel gets one attempt, without retries, so the answer says how the receiver answers now. Nothing is written to the outbox.</remarks>
    public async Task<ExportResult<IReadOnlyList<ExportNotificationTestResult>>> TestNotificationsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return ExportResult.Missing<IReadOnlyList<ExportNotificationTestResult>>();
        }

        if (_notifications is null)
        {
            return ExportResult.Unavailable<IReadOnlyList<ExportNotificationTestResult>>(NoNotifications);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NotificationTestTimeout);
        return ExportResult.Success(await _notifications.TestAsync(job, timeout.Token).ConfigureAwait(false));
    }
}
