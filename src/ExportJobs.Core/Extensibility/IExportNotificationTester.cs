using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>
/// Sends a test notification to each notification channel of a job and says whether each accepted it; implemented by the
/// notifications package (<c>AddNotifications()</c>), called by <see cref="Management.ExportJobManager.TestNotificationsAsync"/>.
/// </summary>
public interface IExportNotificationTester
{
    /// <summary>Sends one test event to each of <paramref name="job"/>'s channels (one attempt each, no retries).</summary>
    /// <param name="job">The job, as stored.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>One result per channel, in the channels' order; empty when the job has none.</returns>
    Task<IReadOnlyList<ExportNotificationTestResult>> TestAsync(ExportJob job, CancellationToken cancellationToken);
}
