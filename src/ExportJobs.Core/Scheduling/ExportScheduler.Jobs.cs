using ExportJobs.Cron;
using ExportJobs.Model;
using ExportJobs.Running.Events;

namespace ExportJobs.Scheduling;

/// <summary>Keeping the scheduler's entries in step with the stored jobs.</summary>
internal sealed partial class ExportScheduler
{
    private async Task LoadJobsAsync(CancellationToken cancellationToken)
    {
        var jobs = await _store.ListJobsAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var scheduled = new List<(ExportJob Job, CronSchedule Schedule)>(jobs.Count);
        foreach (var job in jobs)
        {
            if (!job.Active)
            {
                continue;
            }

            if (RefusedNotifications(job) is { } problems)
            {
                PauseRefusedNotifications(job, problems);
            }
            else if (TryGetSchedule(job) is { } schedule)
            {
                scheduled.Add((job, schedule));
            }
            else
            {
                PauseUnschedulable(job);
            }
        }

        // Only a job with an occurrence since its last change can have missed one; their claims are read in one call.
        var mayHaveMissed = scheduled.Where(s => s.Schedule.GetNextOccurrence(s.Job.UpdatedAt) <= now).Select(s => s.Job.Id).ToList();
        var lastClaimed = await _store.GetLastClaimedOccurrencesAsync(mayHaveMissed, cancellationToken).ConfigureAwait(false);
        foreach (var (job, schedule) in scheduled)
        {
            var missed = FindMisfire(job, schedule, now, lastClaimed.TryGetValue(job.Id, out var last) ? last : null);
            if ((missed ?? schedule.GetNextOccurrence(now)) is { } due)
            {
                Schedule(new ScheduleEntry(job, schedule, due, ++_version));
            }
        }

        LogLoaded(_entries.Count, jobs.Count);
    }

    /// <summary>
    /// Returns the latest occurrence missed while the host was down when it is within the grace window; logs a skip
    /// when occurrences were missed but all are older.
    /// </summary>
    /// <remarks>
    /// Only occurrences after the job's last change count (so a resume never catches up the paused time) and after
    /// the last claimed occurrence (so a run that happened is not repeated).
    /// </remarks>
    private DateTimeOffset? FindMisfire(ExportJob job, CronSchedule schedule, DateTimeOffset now, DateTimeOffset? lastClaimed)
    {
        var from = lastClaimed > job.UpdatedAt ? lastClaimed.Value : job.UpdatedAt;
        var firstMissed = schedule.GetNextOccurrence(from);
        if (firstMissed is null || firstMissed > now)
        {
            return null;
        }

        var grace = _options.CurrentValue.MisfireGraceWindow;
        var windowStart = now - grace - TimeSpan.FromTicks(1);
        DateTimeOffset? latest = null;
        foreach (var occurrence in schedule.GetOccurrences(windowStart > from ? windowStart : from, now))
        {
            latest = occurrence;
        }

        if (latest is null)
        {
            LogMisfireSkipped(job.Id, firstMissed.Value, grace);
            return null;
        }

        LogMisfireRunning(job.Id, latest.Value);
        return latest;
    }

    private async Task ApplyChangesAsync(CancellationToken cancellationToken)
    {
        HashSet<string>? seen = null;
        while (TryDequeueChange(out var jobId))
        {
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (seen.Add(jobId))
            {
                var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
                Reschedule(jobId, job);
            }
        }

        CompactQueue();
    }

    /// <summary>Brings one job's entry up to date after it changed; the other jobs are not touched.</summary>
    private void Reschedule(string jobId, ExportJob? job)
    {
        _entries.TryGetValue(jobId, out var previous);
        if (job is null || !job.Active || TryGetSchedule(job) is not { } schedule)
        {
            _claimedAhead.Remove(jobId);
            if (previous is not null)
            {
                _entries.Remove(jobId);
                LogUnscheduled(jobId, job is null ? "deleted" : "paused");
            }

            return;
        }

        // An occurrence that was due (or claimed ahead) but not yet started when the change came still runs if the new
        // schedule has it; one claimed ahead is recognised as this host's when it is queued again.
        var now = _time.GetUtcNow();
        var from = now;
        if (previous is not null && previous.Due <= now)
        {
            from = previous.Due.AddTicks(-1);
        }

        if (_claimedAhead.TryGetValue(jobId, out var claimed) && claimed <= from.UtcTicks)
        {
            from = new DateTimeOffset(claimed - 1, TimeSpan.Zero);
        }

        if (schedule.GetNextOccurrence(from) is not { } due)
        {
            _entries.Remove(jobId);
            LogNoFutureOccurrence(jobId, job.Schedule);
            return;
        }

        Schedule(new ScheduleEntry(job, schedule, due, ++_version));
        LogRescheduled(jobId, due);
    }

    private void Schedule(ScheduleEntry entry)
    {
        _entries[entry.Job.Id] = entry;
        _queue.Enqueue(new ScheduledWork(entry.Job.Id, entry.Version, entry.Due, 1), entry.Due.UtcTicks);
    }

    private CronSchedule? TryGetSchedule(ExportJob job)
    {
        try
        {
            return _schedules.ForJob(job);
        }
        catch (InvalidOperationException ex)
        {
            LogInvalidSchedule(job.Id, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Pauses a stored job whose schedule today's rules refuse (for example a time zone that is a zoneinfo file name, or
    /// a macro finer than a minute, both accepted by earlier releases), with the reason in <c>pausedReason</c>: it loads
    /// and shows, and its owner corrects it with a PUT and resumes it.
    /// </summary>
    /// <remarks>The pause itself is the auto-pause listener's, on the event published here.</remarks>
    private void PauseUnschedulable(ExportJob job)
    {
        var errors = new Validation.ValidationErrors();
        _schedules.Parse(job.Schedule, job.TimeZone, errors);
        var problems = string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
        var reason = $"Paused automatically: the stored schedule is no longer accepted. {problems} Correct it with a PUT, then resume the job.";
        _events.Publish(new JobAutoPauseEvent(job.Id, reason));
        LogPausedUnschedulable(job.Id);
    }

    /// <summary>What today's rules refuse in a stored job's <c>notifications</c> (a host without notifications refuses any channel), or <see langword="null"/>.</summary>
    private string? RefusedNotifications(ExportJob job)
    {
        if (_notifications is null || job.Notifications is not { Count: > 0 })
        {
            return null;
        }

        var errors = new Validation.ValidationErrors();
        _notifications.Validate(job.Notifications, errors);
        return errors.IsValid ? null : string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
    }

    /// <summary>
    /// Pauses a stored job whose notification channels today's rules refuse (a recipient no longer allowed, an address the
    /// policy now refuses, notifications removed from the host), with the reason in <c>pausedReason</c>, as for schedules.
    /// </summary>
    private void PauseRefusedNotifications(ExportJob job, string problems)
    {
        var reason = $"Paused automatically: the stored notifications are no longer accepted. {problems} Correct them with a PUT, then resume the job.";
        _events.Publish(new JobAutoPauseEvent(job.Id, reason));
        LogPausedRefusedNotifications(job.Id);
    }

    private bool IsStale(ScheduledWork work) =>
        !_entries.TryGetValue(work.JobId, out var entry) || (!work.IsRetry && entry.Version != work.Version);

    private void DropStaleHead(PriorityQueue<ScheduledWork, long> queue)
    {
        while (queue.TryPeek(out var work, out _) && IsStale(work))
        {
            queue.Dequeue();
        }
    }

    /// <summary>Rebuilds the queue when stale items (left by changes) outnumber live ones, so memory stays bounded.</summary>
    private void CompactQueue()
    {
        if (_queue.Count <= (2 * _entries.Count) + 1024)
        {
            return;
        }

        var live = _queue.UnorderedItems.Where(i => !IsStale(i.Element)).ToList();
        _queue.Clear();
        _queue.EnqueueRange(live);
    }
}
