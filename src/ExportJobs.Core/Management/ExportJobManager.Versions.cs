using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>Changes to a job, each a compare-and-swap on the job's version (<see cref="ExportJob.Version"/>).</summary>
/// <remarks>
/// Every change reads the job, changes only its own fields and writes it with <see cref="ExportJobStore.TryUpdateJobAsync"/>,
/// which stores it only if nobody wrote the job in between. Without an expected version a change that lost the race
/// reads the job again and reapplies itself (the last write wins, but never by writing back a stale copy); with one
/// (the REST API's <c>If-Match</c>) it is refused as a <see cref="ExportResult{T}.VersionMismatch"/>.
/// </remarks>
public sealed partial class ExportJobManager
{
    /// <summary>Attempts before a change without an expected version gives up (each lost attempt means another write succeeded).</summary>
    private const int MaxWriteAttempts = 1000;

    /// <summary>Validates and replaces a job's settings (PUT semantics: the whole object), as <paramref name="options"/> say.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="definition">The new settings; secrets sent as the mask keep their stored value.</param>
    /// <param name="options">The expected version, and whether the stored active state is kept.</param>
    /// <param name="errors">Problems found before; reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<ExportJobView>> UpdateAsync(string jobId, ExportJobDefinition definition, ExportJobUpdateOptions options, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return ExportResult.Missing<ExportJobView>();
            }

            if (options.ExpectedVersion is { } expected && stored.Version != expected)
            {
                return ExportResult.Stale<ExportJobView>(stored.Version);
            }

            var attemptErrors = Copy(errors);
            var restored = Edited(stored, definition, options.KeepActive, attemptErrors);
            if (!attemptErrors.IsValid)
            {
                return ExportResult.Invalid<ExportJobView>(attemptErrors);
            }

            var updated = stored.WithDefinition(restored, _time.GetUtcNow()) with { Version = stored.Version + 1 };
            switch (await WriteAsync(updated, stored.Version, options.ExpectedVersion, attempt, cancellationToken).ConfigureAwait(false))
            {
                case ExportJobWriteOutcome.Written:
                    LogJobChanged(jobId, "updated");
                    Notify(jobId);
                    return ExportResult.Success<ExportJobView>(await ViewAsync(updated, cancellationToken).ConfigureAwait(false));
                case ExportJobWriteOutcome.NotFound:
                    return ExportResult.Missing<ExportJobView>();
                case ExportJobWriteOutcome.VersionMismatch when options.ExpectedVersion is not null:
                    return ExportResult.Stale<ExportJobView>(await CurrentVersionAsync(jobId, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    /// <summary>Pauses a job if it is still at <paramref name="expectedVersion"/>; pausing a paused job changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="expectedVersion">The version the caller saw (the REST API's <c>If-Match</c>), or <see langword="null"/> for any.</param>
    /// <param name="reason">Why, when the library pauses it (kept as <c>pausedReason</c>); <see langword="null"/> for a user's pause.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Changes only <c>active</c>, <c>pausedReason</c> and <c>updatedAt</c> of the job as stored at that moment.</remarks>
    public Task<ExportResult<ExportJobView>> TryPauseAsync(string jobId, long? expectedVersion, string? reason = null, CancellationToken cancellationToken = default) =>
        SetActiveAsync(jobId, active: false, expectedVersion, reason, cancellationToken);

    /// <summary>Resumes a paused job if it is still at <paramref name="expectedVersion"/>; resuming an active job changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="expectedVersion">The version the caller saw (the REST API's <c>If-Match</c>), or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Changes only <c>active</c>, <c>pausedReason</c> and <c>updatedAt</c> of the job as stored at that moment.</remarks>
    public Task<ExportResult<ExportJobView>> TryResumeAsync(string jobId, long? expectedVersion, CancellationToken cancellationToken = default) =>
        SetActiveAsync(jobId, active: true, expectedVersion, reason: null, cancellationToken);

    /// <summary>Deletes a job and its run history if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="expectedVersion">The version the caller saw (the REST API's <c>If-Match</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deleted job's id; <see cref="ExportResult{T}.NotFound"/>; or <see cref="ExportResult{T}.VersionMismatch"/> (nothing deleted).</returns>
    public async Task<ExportResult<string>> TryDeleteAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        switch (await _store.TryDeleteJobAsync(jobId, expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            case ExportJobWriteOutcome.Written:
                LogJobChanged(jobId, "deleted");
                Notify(jobId);
                return ExportResult.Success(jobId);
            case ExportJobWriteOutcome.VersionMismatch when await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) is { } current:
                return ExportResult.Stale<string>(current.Version);
            default:
                return ExportResult.Missing<string>();
        }
    }

    private async Task<ExportResult<ExportJobView>> SetActiveAsync(string jobId, bool active, long? expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                return ExportResult.Missing<ExportJobView>();
            }

            if (expectedVersion is { } expected && job.Version != expected)
            {
                return ExportResult.Stale<ExportJobView>(job.Version);
            }

            if (job.Active == active)
            {
                return ExportResult.Success<ExportJobView>(await ViewAsync(job, cancellationToken).ConfigureAwait(false));
            }

            var changed = job with { Active = active, PausedReason = active ? null : reason, UpdatedAt = _time.GetUtcNow(), Version = job.Version + 1 };
            switch (await WriteAsync(changed, job.Version, expectedVersion, attempt, cancellationToken).ConfigureAwait(false))
            {
                case ExportJobWriteOutcome.Written:
                    LogJobChanged(jobId, active ? "resumed" : "paused");
                    Notify(jobId);
                    return ExportResult.Success<ExportJobView>(await ViewAsync(changed, cancellationToken).ConfigureAwait(false));
                case ExportJobWriteOutcome.NotFound:
                    return ExportResult.Missing<ExportJobView>();
                case ExportJobWriteOutcome.VersionMismatch when expectedVersion is not null:
                    return ExportResult.Stale<ExportJobView>(await CurrentVersionAsync(jobId, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    /// <summary>
    /// <paramref name="definition"/> as an edit of <paramref name="stored"/>: secrets sent as the mask restored from it (the
    /// one secret policy), its active state kept when asked, then validated into <paramref name="errors"/>. Updates and
    /// previews of an edit both go through here, so a preview accepts exactly what the update would.
    /// </summary>
    private ExportJobDefinition Edited(ExportJob stored, ExportJobDefinition definition, bool keepActive, ValidationErrors errors)
    {
        var restored = _secrets.Restore(definition, stored, errors);
        if (keepActive)
        {
            restored = restored with { Active = stored.Active };
        }

        _validator.Validate(restored, errors);
        return restored;
    }

    /// <summary>One compare-and-swap write; a lost race without an expected version is retried by the caller, up to <see cref="MaxWriteAttempts"/>.</summary>
    private async Task<ExportJobWriteOutcome> WriteAsync(ExportJob job, long readVersion, long? expectedVersion, int attempt, CancellationToken cancellationToken)
    {
        var outcome = await _store.TryUpdateJobAsync(job, readVersion, cancellationToken).ConfigureAwait(false);
        if (outcome == ExportJobWriteOutcome.VersionMismatch && expectedVersion is null && attempt >= MaxWriteAttempts)
        {
            throw new InvalidOperationException($"Export job '{job.Id}' changed {MaxWriteAttempts} times while one change to it was being written; giving up.");
        }

        return outcome;
    }

    private async Task<long> CurrentVersionAsync(string jobId, CancellationToken cancellationToken) =>
        (await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false))?.Version ?? 0;

    private static ValidationErrors Copy(ValidationErrors? errors)
    {
        var copy = new ValidationErrors();
        if (errors is not null)
        {
            foreach (var (field, messages) in errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    copy.Add(field, message);
                }
            }
        }

        return copy;
    }
}
