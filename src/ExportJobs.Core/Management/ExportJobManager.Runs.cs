using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>Runs: history, one run, and starting a run now (runs made elsewhere: <c>ExportJobManager.ExternalRuns.cs</c>).</summary>
public sealed partial class ExportJobManager
{
    /// <summary>Returns a job's runs, most recent first, or <see langword="null"/> when the job does not exist.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="limit">At most this many runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ExportRun>?> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (!await _store.JobExistsAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var runs = await _store.ListRunsAsync(jobId, limit, cancellationToken).ConfigureAwait(false);
        return WithLiveProgress(runs);
    }

    /// <summary>Returns one run of a job, or <see langword="null"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportRun?> GetRunAsync(string jobId, string runId, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is not null && string.Equals(run.JobId, jobId, StringComparison.Ordinal) ? WithLiveProgress(run) : null;
    }

    /// <summary>
    /// Starts a run of the job now, whatever its schedule (also while paused); it exports in the background. The run is
    /// returned as opened (status <c>running</c>); poll <see cref="GetRunAsync"/> for its end.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels opening the run (not the export once it started).</param>
    /// <returns>
    /// The opened run; <see cref="ExportResult{T}.Conflict"/> while the job already has a run in progress on this host;
    /// <see cref="ExportResult{T}.Unavailable"/> on a host without a record source (an API-only host: the scheduler
    /// hosts still run the job on its schedule), and then no run is opened.
    /// </returns>
    public Task<ExportResult<ExportRun>> TriggerAsync(string jobId, CancellationToken cancellationToken = default) =>
        TriggerAsync(jobId, mode: null, cancellationToken);

    /// <summary>
    /// Starts a run of the job now, as <see cref="TriggerAsync(string, CancellationToken)"/> does, in
    /// <paramref name="mode"/> for this one run: <see cref="ExportMode.Full"/> exports a <c>changes</c> job in full once
    /// (behind <c>POST /export-jobs/{id}/trigger</c> with <c>{ "mode": "full" }</c>).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="mode">The mode of this run; <see langword="null"/> runs in the job's own mode. The job is not changed.</param>
    /// <param name="cancellationToken">Cancels opening the run (not the export once it started).</param>
    /// <returns>As <see cref="TriggerAsync(string, CancellationToken)"/>.</returns>
    /// <remarks>
    /// A <c>changes</c> run exports what changed since the start of the job's newest successful run, whatever its mode,
    /// so the <c>changes</c> run after a successful full run counts from that full run.
    /// </remarks>
    public async Task<ExportResult<ExportRun>> TriggerAsync(string jobId, ExportMode? mode, CancellationToken cancellationToken = default)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return ExportResult.Missing<ExportRun>();
        }

        if (mode is { } once && once != job.Mode)
        {
            job = job with { Mode = once };
        }

        if (!_hasRecordSource)
        {
            return ExportResult.Unavailable<ExportRun>(NoRecordSource);
        }

        var handle = await _dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual), cancellationToken).ConfigureAwait(false);
        if (handle is not null)
        {
            // A manual run is never retried; its end is told to the observers here (scheduled runs: by the scheduler).
            _ = handle.Completion.ContinueWith(
                static (completion, events) => ((ExportRunEvents)events!).Finished(completion.Result, retryFollows: false),
                _events,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return handle is null
            ? ExportResult.Conflicting<ExportRun>($"Export job '{jobId}' has a run in progress (or the host is shutting down). Wait for it to end, then trigger again.")
            : ExportResult.Success(handle.Run);
    }
}
