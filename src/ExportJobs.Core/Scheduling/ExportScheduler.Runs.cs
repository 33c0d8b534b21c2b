using System.Security.Cryptography;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Scheduling;

/// <summary>Starting runs: due occurrences, retries, what happens when a run ends, and crash recovery.</summary>
internal sealed partial class ExportScheduler
{
    private const int MaxReasonErrorLength = 300;
    private const int CancelledRunsSkipped = 10;
    // Enough for a store that groups concurrent writes (LiteDB's group commit) to record hundreds of runs per transaction;
    // a pooled store (PostgreSQL) queues the excess on its connection pool.
    private const int MaxParallelStarts = 4096;

    /// <remarks>
    /// Only for a single-process store: with run leases (<see cref="ExportJobStore.SupportsRunLeases"/>) a running run may
    /// belong to another live host, and <see cref="ExportRunLeaseKeeper"/> fails it only once its lease expired.
    /// </remarks>
    private async Task RecoverInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        if (_store.SupportsRunLeases)
        {
            return;
        }

        var runs = await _store.ListRunsByStatusAsync(ExportRunStatus.Running, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var run in runs)
        {
            // A run reported through the API has no lease and is not this library's to fail: its reporter completes it.
            if (run.Trigger == ExportRunTrigger.External || _dispatcher?.IsRunning(run.JobId) == true)
            {
                continue;
            }

            var failed = run with
            {
                Status = ExportRunStatus.Failed,
                CompletedAt = now > run.StartedAt ? now : run.StartedAt,
                Error = ExportRunErrors.Interrupted,
            };
            await _store.UpdateRunAsync(failed, cancellationToken).ConfigureAwait(false);
            _events.Finished(failed, retryFollows: false);
            SpoolLocation.DeleteRun(_options.CurrentValue, run.Id, _logger);
            LogInterruptedRunRecovered(run.Id, run.JobId);
        }
    }

    /// <summary>
    /// Starts every armed item that is due now: claimed occurrences and retries, up to <see cref="MaxParallelStarts"/> at
    /// a time, so that the store can record their runs together (LiteDB commits them in shared transactions).
    /// </summary>
    private async Task StartDueAsync(IExportRunDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = new List<(ScheduledWork Work, ScheduleEntry Entry)>();
        while (_armed.TryPeek(out var work, out var dueTicks) && dueTicks <= now.UtcTicks)
        {
            _armed.Dequeue();
            if (!IsStale(work))
            {
                due.Add((work, _entries[work.JobId]));
            }

            if (!work.IsRetry && _claimedAhead.TryGetValue(work.JobId, out var claimed) && claimed == work.Occurrence.UtcTicks)
            {
                _claimedAhead.Remove(work.JobId);
            }
        }

        // Each start runs inline until it waits for the store, so runs begin in due order while their writes are pending.
        var starting = new List<Task>(Math.Min(due.Count, MaxParallelStarts));
        foreach (var (work, entry) in due)
        {
            if (starting.Count == MaxParallelStarts)
            {
                await Task.WhenAny(starting).ConfigureAwait(false);
                starting.RemoveAll(t => t.IsCompleted);
            }

            starting.Add(StartOneAsync(dispatcher, work, entry, cancellationToken));
        }

        await Task.WhenAll(starting).ConfigureAwait(false);
    }

    private Task StartOneAsync(IExportRunDispatcher dispatcher, ScheduledWork work, ScheduleEntry entry, CancellationToken cancellationToken) =>
        work.IsRetry
            ? StartRunAsync(dispatcher, entry.Job, new ExportRunRequest(ExportRunTrigger.Retry, work.Occurrence, work.Attempt), cancellationToken)
            : RunOccurrenceAsync(dispatcher, entry.Job, work.Occurrence, cancellationToken);

    /// <summary>Starts a claimed occurrence.</summary>
    private async Task RunOccurrenceAsync(IExportRunDispatcher dispatcher, ExportJob job, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var jobId = job.Id;
        try
        {
            // Several hosts: the job's previous run may be going on another host (this host's dispatcher checks its own).
            if (_store.SupportsRunLeases && !dispatcher.IsRunning(jobId)
                && await _store.GetLatestRunAsync(jobId, ExportRunStatus.Running, cancellationToken).ConfigureAwait(false) is not null)
            {
                LogOverlapSkipped(jobId, occurrence, 1);
                _telemetry.RecordSkippedOccurrence(job, "overlap");
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(ex, jobId, occurrence);
            return;
        }

        await StartRunAsync(dispatcher, job, new ExportRunRequest(ExportRunTrigger.Schedule, occurrence), cancellationToken).ConfigureAwait(false);
    }

    private async Task StartRunAsync(IExportRunDispatcher dispatcher, ExportJob job, ExportRunRequest request, CancellationToken cancellationToken)
    {
        var occurrence = request.ScheduledAt ?? _time.GetUtcNow();
        ExportRunHandle? handle;
        try
        {
            handle = await dispatcher.TryStartAsync(job, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(ex, job.Id, occurrence);
            return;
        }

        if (handle is null)
        {
            LogOverlapSkipped(job.Id, occurrence, request.Attempt);
            _telemetry.RecordSkippedOccurrence(job, "overlap");
            return;
        }

        LogRunStarted(job.Id, handle.Run.Id, occurrence, request.Attempt);
        if (request.Trigger == ExportRunTrigger.Schedule)
        {
            _telemetry.RecordSchedulerLateness(job, handle.Run.StartedAt - occurrence);
        }
        _ = handle.Completion.ContinueWith(
            static (task, state) => ((ExportScheduler)state!).OnRunCompleted(task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Hands a finished run to the scheduler's loop (runs on whatever thread completed it).</summary>
    private void OnRunCompleted(Task<ExportRun> completion)
    {
        if (completion.IsCompletedSuccessfully)
        {
            _completed.Enqueue(completion.Result);
            Wake();
            if (!_open)
            {
                // The loop has stopped (the host is shutting down): nothing is retried, but observers are still told.
                DrainCompletedRuns();
            }
        }
        else if (completion.Exception is { } ex)
        {
            LogCompletionFaulted(ex);
        }
    }

    /// <summary>Publishes the finished event of every run the stopped loop did not handle; no retry follows them.</summary>
    private void DrainCompletedRuns()
    {
        while (_completed.TryDequeue(out var run))
        {
            _events.Finished(run, retryFollows: false);
        }
    }

    /// <summary>
    /// Decides what follows each finished run (auto-pause, else a retry), then publishes its finished event: the
    /// auto-pause listener (on top, in Management) pauses the job, observers learn whether a retry follows.
    /// </summary>
    private async Task HandleCompletedRunsAsync(CancellationToken cancellationToken)
    {
        while (_completed.TryDequeue(out var run))
        {
            // A run cancelled on request is not retried and does not count toward auto-pause; a run another host took
            // away (its lease expired) was recorded there and is not retried here either.
            string? pauseReason = null;
            var retry = false;
            if (run.Status == ExportRunStatus.Failed && !run.Cancelled && run.Error is not (ExportRunErrors.LeaseExpired or ExportRunErrors.Lost))
            {
                pauseReason = await AutoPauseReasonAsync(run, cancellationToken).ConfigureAwait(false);
                if (pauseReason is not null && _entries.TryGetValue(run.JobId, out var entry))
                {
                    // Unscheduled here at once; the listener's pause reaches this loop as a change a moment later.
                    Reschedule(run.JobId, entry.Job with { Active = false });
                    LogAutoPaused(run.JobId, _options.CurrentValue.AutoPauseAfterFailures);
                }
                else
                {
                    retry = ScheduleRetry(run);
                }
            }

            _events.Finished(run, retry);
            if (pauseReason is not null)
            {
                _events.Publish(new JobAutoPauseEvent(run.JobId, pauseReason));
            }
        }
    }

    private bool ScheduleRetry(ExportRun run)
    {
        var options = _options.CurrentValue;
        if (run.ScheduledAt is not { } occurrence || run.Trigger is not (ExportRunTrigger.Schedule or ExportRunTrigger.Retry))
        {
            return false;
        }

        if (run.Attempt > options.RetryAttempts)
        {
            if (options.RetryAttempts > 0)
            {
                LogRetriesExhausted(run.JobId, occurrence, run.Attempt);
            }

            return false;
        }

        if (!_entries.TryGetValue(run.JobId, out var entry))
        {
            return false;
        }

        var random = RandomNumberGenerator.GetInt32(1_000_001) / 1_000_000d;
        var due = _time.GetUtcNow() + RetryBackoff.Delay(run.Attempt, options, random);
        if (entry.Due <= due)
        {
            LogRetrySuperseded(run.JobId, occurrence, entry.Due);
            return false;
        }

        _armed.Enqueue(new ScheduledWork(run.JobId, 0, occurrence, run.Attempt + 1), due.UtcTicks);
        LogRetryScheduled(run.JobId, occurrence, run.Attempt + 1, due);
        return true;
    }

    /// <summary>The reason to pause the job with, when this failure makes <see cref="ExportJobsOptions.AutoPauseAfterFailures"/> in a row.</summary>
    private async Task<string?> AutoPauseReasonAsync(ExportRun run, CancellationToken cancellationToken)
    {
        var threshold = _options.CurrentValue.AutoPauseAfterFailures;
        if (threshold <= 0 || !_entries.ContainsKey(run.JobId))
        {
            return null;
        }

        // Runs cancelled on request are left out of the count (a few more are read so that they do not hide failures).
        var recent = (await _store.ListRunsAsync(run.JobId, threshold + CancelledRunsSkipped, cancellationToken).ConfigureAwait(false))
            .Where(r => !r.Cancelled).Take(threshold).ToList();
        if (recent.Count < threshold || recent.Any(r => r.Status != ExportRunStatus.Failed))
        {
            return null;
        }

        var error = run.Error is { Length: > MaxReasonErrorLength } text ? string.Concat(text.AsSpan(0, MaxReasonErrorLength), "…") : run.Error;
        return $"Paused automatically after {threshold} consecutive failed runs. Last error: {error ?? "(none recorded)"}";
    }
}
