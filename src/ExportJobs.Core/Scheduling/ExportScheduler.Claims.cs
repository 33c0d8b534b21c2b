using ExportJobs.Extensibility;

namespace ExportJobs.Scheduling;

/// <summary>Claiming occurrences shortly before they are due, all that fall due together in one store call.</summary>
/// <remarks>
/// <para>
/// Hundreds of jobs often share a due instant (every minute, every hour on the hour). Claiming them one store write at a
/// time when they are due makes the last of them start as late as the sum of those writes (seconds with LiteDB at a
/// thousand jobs). So the scheduler wakes <see cref="ClaimAhead"/> before the earliest due occurrence, claims every
/// occurrence due by then in one <see cref="ExportJobStore.TryClaimOccurrencesAsync"/> call, and keeps the ones it won
/// armed until their instant, when it only has to open their runs. This is the trigger "fire-ahead" window of
/// Quartz.NET's batch trigger acquisition, applied to claims.
/// </para>
/// <para>
/// A claim taken ahead is this host's, whatever happens to the job before the instant: if the job is paused or deleted
/// meanwhile, the occurrence is simply not run (and a resume does not catch it up); if its schedule is edited and still
/// has that occurrence, the occurrence runs once, on this host. A host that dies between the claim and the instant loses
/// that occurrence, as it would if it died between a claim and the run's start.
/// </para>
/// </remarks>
internal sealed partial class ExportScheduler
{
    private static readonly TimeSpan ClaimAhead = TimeSpan.FromSeconds(2);

    // Items whose claim is settled (won occurrences, and retries, which need none), by due time.
    private readonly PriorityQueue<ScheduledWork, long> _armed = new();

    // The occurrence each job has claimed ahead and not yet started, so that a job edited meanwhile does not lose it.
    private readonly Dictionary<string, long> _claimedAhead = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes every occurrence due within <see cref="ClaimAhead"/> off the queue, moves each job on to its next occurrence,
    /// skips misfires older than the grace window, claims the rest in one store call, and arms those this host won.
    /// </summary>
    private async Task ClaimAheadAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var horizon = (now + ClaimAhead).UtcTicks;
        var grace = _options.CurrentValue.MisfireGraceWindow;
        var toClaim = new List<ScheduledWork>();
        while (_queue.TryPeek(out var work, out var dueTicks) && dueTicks <= horizon)
        {
            _queue.Dequeue();
            if (IsStale(work))
            {
                continue;
            }

            var entry = _entries[work.JobId];
            Advance(entry, now);
            if (now - work.Occurrence > grace)
            {
                LogMisfireSkipped(work.JobId, work.Occurrence, grace);
                _telemetry.RecordSkippedOccurrence(entry.Job, "misfire");
            }
            else if (_claimedAhead.TryGetValue(work.JobId, out var claimed) && claimed == work.Occurrence.UtcTicks)
            {
                _armed.Enqueue(work, dueTicks);
            }
            else
            {
                toClaim.Add(work);
            }
        }

        if (toClaim.Count == 0)
        {
            return;
        }

        IReadOnlyList<bool> won;
        try
        {
            won = await _store.TryClaimOccurrencesAsync(toClaim.ConvertAll(w => new ExportOccurrence(w.JobId, w.Occurrence)), _owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var work in toClaim)
            {
                LogStartFailed(ex, work.JobId, work.Occurrence);
            }

            return;
        }

        for (var i = 0; i < toClaim.Count; i++)
        {
            var work = toClaim[i];
            if (won[i])
            {
                _claimedAhead[work.JobId] = work.Occurrence.UtcTicks;
                _armed.Enqueue(work, work.Occurrence.UtcTicks);
            }
            else
            {
                LogClaimedElsewhere(work.JobId, work.Occurrence);
            }
        }
    }

    /// <summary>
    /// Queues the job's occurrence after the one just taken. When its schedule has no more, the entry stays (with nothing
    /// queued) so that the occurrence just taken still starts; a later change to the job replaces it.
    /// </summary>
    private void Advance(ScheduleEntry entry, DateTimeOffset now)
    {
        if (entry.Schedule.GetNextOccurrence(now > entry.Due ? now : entry.Due) is { } next)
        {
            Schedule(entry with { Due = next });
        }
        else
        {
            LogNoFutureOccurrence(entry.Job.Id, entry.Job.Schedule);
        }
    }
}
