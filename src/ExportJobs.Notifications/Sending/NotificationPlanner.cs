using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Notifications.Channels;
using ExportJobs.Notifications.Events;
using Microsoft.Extensions.Options;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// Decides which events a run's final state causes and writes them as outbox messages; resolves the channels of a job.
/// </summary>
/// <remarks>
/// <para>
/// Message ids are <c>{runId}:{event}</c> (<c>{jobId}:autoPaused:{guid}</c> for a pause): the same event always gets
/// the same id and idempotency key, and a store keeps one message per id.
/// </para>
/// <para>
/// <c>recovered</c> is the first success after a failure that no retry followed (the fact a <c>failed</c> event tells of):
/// the job's history is read back from the newest run until a success (at most <see cref="HistoryDepth"/> runs); a failure
/// is retried when the next newer run is its retry (same scheduled time, next attempt). Runs cancelled on request count
/// for neither.
/// </para>
/// </remarks>
internal sealed class NotificationPlanner(ExportJobStore store, IOptionsMonitor<ExportNotificationOptions> options, TimeProvider time)
{
    internal const int HistoryDepth = 100;

    /// <summary>
    /// The job's channels: its own <c>notifications</c> when set (<c>[]</c>: none), else the host's defaults (also for a
    /// job that is gone).
    /// </summary>
    public IReadOnlyList<NotificationChannel> ChannelsOf(ExportJob? job) =>
        job?.Notifications is { } own
            ? own.Select(NotificationChannel.FromJob).ToList()
            : options.CurrentValue.Channels.Select(NotificationChannel.FromOptions).ToList();

    /// <summary>The messages of <paramref name="final"/>; the <c>failed</c> one held by <paramref name="holder"/> (until it knows whether a retry follows) when set.</summary>
    public async ValueTask<IReadOnlyList<ExportOutboxMessage>> PlanAsync(ExportJob job, ExportRun final, string? holder, CancellationToken cancellationToken)
    {
        var channels = ChannelsOf(job);
        if (channels.Count == 0 || final.Status == ExportRunStatus.Running)
        {
            return [];
        }

        bool Wanted(string e) => channels.Any(c => c.Wants(e));
        var messages = new List<ExportOutboxMessage>();
        if (final.Status == ExportRunStatus.Success)
        {
            if (Wanted(ExportNotificationEvents.Recovered) && await FailedSinceLastSuccessAsync(final, cancellationToken).ConfigureAwait(false))
            {
                messages.Add(Message(job, job.Id, final, ExportNotificationEvents.Recovered, null, null));
            }

            if (Wanted(ExportNotificationEvents.Succeeded))
            {
                messages.Add(Message(job, job.Id, final, ExportNotificationEvents.Succeeded, null, null));
            }
        }
        else if (final.Cancelled)
        {
            if (Wanted(ExportNotificationEvents.Cancelled))
            {
                messages.Add(Message(job, job.Id, final, ExportNotificationEvents.Cancelled, null, null));
            }
        }
        else if (Wanted(ExportNotificationEvents.Failed))
        {
            messages.Add(Message(job, job.Id, final, ExportNotificationEvents.Failed, null, holder));
        }

        return messages;
    }

    /// <summary>The message of an automatic pause, or <see langword="null"/> when no channel wants it.</summary>
    public ExportOutboxMessage? AutoPaused(ExportJob? job, string jobId, string reason) =>
        ChannelsOf(job).Any(c => c.Wants(ExportNotificationEvents.AutoPaused))
            ? Message(job, jobId, null, ExportNotificationEvents.AutoPaused, reason, null)
            : null;

    public static string MessageId(string runId, string eventType) => $"{runId}:{eventType}";

    private ExportOutboxMessage Message(ExportJob? job, string jobId, ExportRun? run, string eventType, string? reason, string? holder)
    {
        var now = time.GetUtcNow();
        var id = run is null ? $"{jobId}:{eventType}:{Guid.CreateVersion7(now):N}" : MessageId(run.Id, eventType);
        var host = options.CurrentValue;
        var notification = new NotificationEvent
        {
            Id = id,
            Event = eventType,
            OccurredAt = run?.CompletedAt ?? now,
            JobId = jobId,
            JobName = job?.Name,
            Run = run,
            Reason = reason,
            Link = NotificationEvent.LinkTo(host.PublicBaseUrl, jobId, run?.Id),
        };
        return new ExportOutboxMessage
        {
            Id = id,
            JobId = jobId,
            RunId = run?.Id,
            EventType = eventType,
            Payload = NotificationPayload.Write(notification),
            CreatedAt = notification.OccurredAt,
            ClaimedBy = holder,
            ClaimedUntil = holder is null ? null : now + host.ClaimDuration,
        };
    }

    private async Task<bool> FailedSinceLastSuccessAsync(ExportRun current, CancellationToken cancellationToken)
    {
        var runs = await store.ListRunsAsync(current.JobId, HistoryDepth, cancellationToken).ConfigureAwait(false);
        var newer = current;
        foreach (var run in runs)
        {
            if (string.Equals(run.Id, current.Id, StringComparison.Ordinal) || run.Status == ExportRunStatus.Running)
            {
                continue;
            }

            if (run.Status == ExportRunStatus.Success)
            {
                return false;
            }

            if (!run.Cancelled && !IsRetryOf(newer, run))
            {
                return true;
            }

            newer = run;
        }

        return false;
    }

    private static bool IsRetryOf(ExportRun newer, ExportRun failed) =>
        newer.Trigger == ExportRunTrigger.Retry && newer.Attempt == failed.Attempt + 1
        && newer.ScheduledAt is { } a && failed.ScheduledAt is { } b && a.UtcTicks == b.UtcTicks;
}
