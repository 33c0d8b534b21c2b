using ExportJobs.Model;
using ExportJobs.Running.Events;
using ExportJobs.Running;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>The run lifecycle: live progress on the runs returned, and cancelling a run on request.</summary>
public sealed partial class ExportJobManager
{
    /// <summary>
    /// Cancels a running run (<c>POST /export-jobs/{id}/runs/{runId}/cancel</c>). It ends <c>failed</c> with the error
    /// <c>Cancelled on request</c> (plus who asked, when known) and <c>cancelled: true</c>; nothing partial is left at the
    /// destination, and it is neither retried nor counted toward auto-pause.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="requestedBy">Who asks (the host's user name), for the run's error; <see langword="null"/> when unknown.</param>
    /// <param name="cancellationToken">Cancels the call (not the run).</param>
    /// <remarks>
    /// <para>On the host that runs it, the run stops at once (within 2 s). A run another host is doing gets a cancel flag in
    /// the store, which that host reads at its next lease heartbeat (within a third of <c>RunLeaseDuration</c>).</para>
    /// <para>A cancel that comes after the destination's publish step (<c>ExportDelivery.BeforePublishAsync</c>) is too late:
    /// <see cref="ExportRunCancelOutcome.TooLate"/>, and the run ends as it would have. On another host that moment is only
    /// known to the run's owner, so the request is accepted there and the run may still end <c>success</c>.</para>
    /// <para>A <c>running</c> run no library host is doing (recorded as running through <c>POST …/runs</c> by an external
    /// runner, or left by a host of a single-process store) is marked failed and cancelled at once.</para>
    /// </remarks>
    public async Task<ExportRunCancelResult> CancelRunAsync(string jobId, string runId, string? requestedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(runId);
        var run = await _store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null || !string.Equals(run.JobId, jobId, StringComparison.Ordinal))
        {
            return new ExportRunCancelResult(ExportRunCancelOutcome.NotFound, null);
        }

        return await CancelAsync(run, requestedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pauses a job and, with <paramref name="cancelRunning"/>, cancels its running run as <see cref="CancelRunAsync"/>
    /// does (<c>POST /export-jobs/{id}/pause?cancelRunning=true</c>).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancelRunning">Whether to cancel the job's run in progress, if any.</param>
    /// <param name="requestedBy">Who asks, for the cancelled run's error; <see langword="null"/> when unknown.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The paused job, or <see langword="null"/> when it does not exist.</returns>
    public async Task<ExportJobView?> PauseAsync(string jobId, bool cancelRunning, string? requestedBy, CancellationToken cancellationToken = default) =>
        (await TryPauseAsync(jobId, expectedVersion: null, cancelRunning, requestedBy, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Pauses a job if it is still at <paramref name="expectedVersion"/> (the REST API's <c>If-Match</c>) and, with
    /// <paramref name="cancelRunning"/>, cancels its running run; nothing is cancelled when the version does not match.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="expectedVersion">The version the caller saw, or <see langword="null"/> for any.</param>
    /// <param name="cancelRunning">Whether to cancel the job's run in progress, if any.</param>
    /// <param name="requestedBy">Who asks, for the cancelled run's error; <see langword="null"/> when unknown.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<ExportJobView>> TryPauseAsync(string jobId, long? expectedVersion, bool cancelRunning, string? requestedBy, CancellationToken cancellationToken = default)
    {
        var paused = await TryPauseAsync(jobId, expectedVersion, reason: null, cancellationToken).ConfigureAwait(false);
        if (paused.Value is not { } view || !cancelRunning)
        {
            return paused;
        }

        var running = await _store.GetLatestRunAsync(jobId, ExportRunStatus.Running, cancellationToken).ConfigureAwait(false);
        if (running is not null)
        {
            var result = await CancelAsync(running, requestedBy, cancellationToken).ConfigureAwait(false);
            LogPauseCancelled(jobId, running.Id, result.Outcome);
        }

        return paused;
    }

    private async Task<ExportRunCancelResult> CancelAsync(ExportRun run, string? requestedBy, CancellationToken cancellationToken)
    {
        if (run.Status != ExportRunStatus.Running)
        {
            return new ExportRunCancelResult(ExportRunCancelOutcome.Finished, run);
        }

        switch (_dispatcher.CancelRun(run.Id, requestedBy))
        {
            case ExportRunCancelOutcome.Accepted:
                return new ExportRunCancelResult(ExportRunCancelOutcome.Accepted, WithLiveProgress(run) with { Cancelled = true, CancelledBy = requestedBy });
            case { } other:
                return new ExportRunCancelResult(other, WithLiveProgress(run));
        }

        if (_store.SupportsRunLeases && run.Owner is not null)
        {
            var flagged = await _store.RequestRunCancelAsync(run.Id, requestedBy, cancellationToken).ConfigureAwait(false);
            return flagged switch
            {
                null => new ExportRunCancelResult(ExportRunCancelOutcome.NotFound, null),
                { Status: not ExportRunStatus.Running } => new ExportRunCancelResult(ExportRunCancelOutcome.Finished, flagged),
                _ => new ExportRunCancelResult(ExportRunCancelOutcome.Accepted, flagged with { Cancelled = true, CancelledBy = requestedBy }),
            };
        }

        // Nobody executes it: an external runner's run, or one left by a host of a single-process store.
        var now = _time.GetUtcNow();
        var failed = run with
        {
            Status = ExportRunStatus.Failed,
            CompletedAt = now > run.StartedAt ? now : run.StartedAt,
            Error = ExportRunErrors.CancelledOnRequest(requestedBy),
            Cancelled = true,
            CancelledBy = requestedBy,
            Progress = null,
        };
        if (!await _store.UpdateRunAsync(failed, cancellationToken).ConfigureAwait(false))
        {
            return new ExportRunCancelResult(ExportRunCancelOutcome.NotFound, null);
        }

        _events.Finished(failed, retryFollows: false);
        return new ExportRunCancelResult(ExportRunCancelOutcome.Accepted, failed);
    }

    /// <summary>A run with the live progress of this host's run in place of the stored one (which is the last heartbeat's).</summary>
    private ExportRun WithLiveProgress(ExportRun run)
    {
        if (run.Status != ExportRunStatus.Running)
        {
            return run.Progress is null ? run : run with { Progress = null };
        }

        return _dispatcher.GetProgress(run.Id) is { } live ? run with { Progress = live } : run;
    }

    private IReadOnlyList<ExportRun> WithLiveProgress(IReadOnlyList<ExportRun> runs)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Status == ExportRunStatus.Running || runs[i].Progress is not null)
            {
                return runs.Select(WithLiveProgress).ToList();
            }
        }

        return runs;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} paused with cancelRunning: its run {RunId} {Outcome}.")]
    private partial void LogPauseCancelled(string jobId, string runId, ExportRunCancelOutcome outcome);
}
