using ExportJobs.Model;
using ExportJobs.Running.Events;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>Runs made outside the library: reported (<c>POST …/runs</c>) and, when reported as running, completed later (<c>PATCH …/runs/{runId}</c>).</summary>
/// <remarks>
/// External runs have no owner and no lease: the library never executes them, so start-up recovery and lease expiry
/// leave a running one alone; only its reporter completes it. Their <c>error</c> is scrubbed of the job's secrets, as
/// the library's own run errors are.
/// </remarks>
public sealed partial class ExportJobManager
{
    /// <summary>Records a run reported by an external runner (<c>POST /export-jobs/{id}/runs</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="report">The run's fields; <see cref="ExportRun.Id"/> and <see cref="ExportRun.JobId"/> are assigned here, and <see cref="ExportRun.CompletedAt"/> of a finished run defaults to now.</param>
    /// <param name="errors">Problems found before; reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// Times may be at most <c>5</c> minutes ahead of the server's clock; <c>completedAt</c> is not before <c>startedAt</c>;
    /// <c>attempt</c> is 1 or more; <c>checksum</c> is 64 hex digits (stored lowercase); text fields are bounded by <see cref="FieldLimits"/>.
    /// </remarks>
    public async Task<ExportResult<ExportRun>> RecordRunAsync(string jobId, ExportRun report, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        errors ??= new ValidationErrors();
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return ExportResult.Missing<ExportRun>();
        }

        var now = _time.GetUtcNow();
        var run = EndedNowUnlessSaid(report with { Id = ExportIds.New(now), JobId = jobId, Trigger = ExportRunTrigger.External }, now);
        ExportRunReportValidator.Validate(run, now, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportRun>(errors);
        }

        run = Normalize(run, job);
        await _store.CreateRunAsync(run, cancellationToken).ConfigureAwait(false);
        LogExternalRun(jobId, run.Id, run.Status);
        _events.Started(run);
        if (run.Status != ExportRunStatus.Running)
        {
            _events.Finished(run, retryFollows: false);
        }

        return ExportResult.Success(run);
    }

    /// <summary>Completes an external run that was reported as <c>running</c> (<c>PATCH /export-jobs/{id}/runs/{runId}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="completion">The final status and the fields to set.</param>
    /// <param name="errors">Problems found before; reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The completed run; <see cref="ExportResult{T}.NotFound"/> for an unknown job or run; <see cref="ExportResult{T}.Conflict"/>
    /// when the run already finished (finished runs never change) or is one the library executes.
    /// </returns>
    public async Task<ExportResult<ExportRun>> CompleteExternalRunAsync(string jobId, string runId, ExportRunCompletion completion, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        errors ??= new ValidationErrors();
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        var stored = job is null ? null : await _store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (job is null || stored is null || !string.Equals(stored.JobId, jobId, StringComparison.Ordinal))
        {
            return ExportResult.Missing<ExportRun>();
        }

        if (stored.Status != ExportRunStatus.Running)
        {
            return ExportResult.Conflicting<ExportRun>($"Run '{runId}' already ended ({stored.Status.ToString().ToLowerInvariant()}); a finished run cannot be changed.");
        }

        if (stored.Trigger != ExportRunTrigger.External)
        {
            return ExportResult.Conflicting<ExportRun>($"Run '{runId}' is executed by the library, not reported through the API; only the library completes it (cancel it instead).");
        }

        if (completion.Status == ExportRunStatus.Running && !errors.Has("status"))
        {
            errors.Add("status", "A running run is completed with status 'success' or 'failed'.");
        }

        var now = _time.GetUtcNow();
        var run = EndedNowUnlessSaid(completion.ApplyTo(stored), now);
        ExportRunReportValidator.Validate(run, now, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportRun>(errors);
        }

        run = Normalize(run, job);
        if (!await _store.UpdateRunAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return ExportResult.Missing<ExportRun>();
        }

        LogExternalRun(jobId, run.Id, run.Status);
        _events.Finished(run, retryFollows: false);
        return ExportResult.Success(run);
    }

    /// <summary>A finished run without <see cref="ExportRun.CompletedAt"/> ended now; a running run keeps what it says (the validator refuses an end).</summary>
    private static ExportRun EndedNowUnlessSaid(ExportRun run, DateTimeOffset now) =>
        run.Status == ExportRunStatus.Running || run.CompletedAt is not null ? run : run with { CompletedAt = now };

    /// <summary>Lowercases the checksum and scrubs the job's secrets from the error, as the library does with its own runs' errors.</summary>
    private ExportRun Normalize(ExportRun run, ExportJob job)
    {
        return run with
        {
            Checksum = run.Checksum?.ToLowerInvariant(),
            Error = run.Error is null ? null : _secrets.Scrub(run.Error, job),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId}: external run {RunId} recorded as {Status}.")]
    private partial void LogExternalRun(string jobId, string runId, ExportRunStatus status);
}
