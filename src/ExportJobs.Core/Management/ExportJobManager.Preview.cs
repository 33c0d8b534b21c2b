using ExportJobs.Cron;
using ExportJobs.Model;
using ExportJobs.Preview;
using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>What a job would do: a preview of its first records, and its upcoming run times.</summary>
public sealed partial class ExportJobManager
{
    /// <summary>The largest number of records a preview shows.</summary>
    public const int MaxPreviewLimit = ExportPreviewer.MaxLimit;

    /// <summary>
    /// The IANA id of the zone a job without <see cref="Model.ExportJobDefinition.TimeZone"/> runs in: the host's
    /// <see cref="ExportJobsOptions.TimeZone"/>, resolved as the scheduler resolves it (UTC when unset).
    /// </summary>
    public string DefaultTimeZone => _schedules.DefaultTimeZone.Id;

    /// <summary>How many upcoming run times <see cref="GetScheduleAsync"/> returns.</summary>
    public const int ScheduleRunCount = 5;

    /// <summary>
    /// Previews a stored job: its first <paramref name="limit"/> records exactly as a run would write them (before
    /// compression), the file name and the next five run times. Writes nothing and records no run.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="limit">How many records, 1 to <see cref="MaxPreviewLimit"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>
    /// The preview; <see cref="ExportResult{T}.Failure"/> when the record source failed (its message without secrets);
    /// <see cref="ExportResult{T}.Unavailable"/> on a host without a record source (an API-only host).
    /// </returns>
    public async Task<ExportResult<ExportPreview>> PreviewAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPreviewLimit);
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is null ? ExportResult.Missing<ExportPreview>() : await PreviewJobAsync(job, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Previews an unsaved job definition (validated first, like a create: a secret sent as the mask is refused, no
    /// secret being stored behind it; edit a stored job's with <see cref="PreviewUnsavedAsync(string, ExportJobDefinition, int, ValidationErrors?, CancellationToken)"/>);
    /// saves and writes nothing.
    /// <see cref="ExportResult{T}.Unavailable"/> on a host without a record source.
    /// </summary>
    /// <param name="definition">The job's settings.</param>
    /// <param name="limit">How many records, 1 to <see cref="MaxPreviewLimit"/>.</param>
    /// <param name="errors">Problems found before (for example wrong JSON types); reported together with the rest.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<ExportResult<ExportPreview>> PreviewUnsavedAsync(ExportJobDefinition definition, int limit, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPreviewLimit);
        errors ??= new ValidationErrors();
        definition = _secrets.Restore(definition, stored: null, errors);       // a mask stands for no secret here, as on create
        _validator.Validate(definition, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportPreview>(errors);
        }

        return await PreviewJobAsync(new ExportJob("preview", definition), limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Previews the edited, unsaved definition of stored job <paramref name="jobId"/> (a form editing that job): secrets
    /// sent as the mask stand for the job's stored ones, restored and validated exactly as an update would
    /// (<see cref="UpdateAsync(string, ExportJobDefinition, ExportJobUpdateOptions, ValidationErrors?, CancellationToken)"/>); saves and writes nothing.
    /// </summary>
    /// <param name="jobId">The stored job whose definition was edited.</param>
    /// <param name="definition">The edited settings; secrets sent as the mask keep their stored value.</param>
    /// <param name="limit">How many records, 1 to <see cref="MaxPreviewLimit"/>.</param>
    /// <param name="errors">Problems found before (for example wrong JSON types); reported together with the rest.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>
    /// The preview, as <see cref="PreviewUnsavedAsync(ExportJobDefinition, int, ValidationErrors?, CancellationToken)"/>;
    /// <see cref="ExportResult{T}.NotFound"/> when the job does not exist.
    /// </returns>
    public async Task<ExportResult<ExportPreview>> PreviewUnsavedAsync(string jobId, ExportJobDefinition definition, int limit, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPreviewLimit);
        var stored = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ExportResult.Missing<ExportPreview>();
        }

        errors ??= new ValidationErrors();
        var edited = Edited(stored, definition, keepActive: false, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportPreview>(errors);
        }

        // The stored job's id, creation time and version: a changes job previews from its own watermark, as its run would.
        return await PreviewJobAsync(stored.WithDefinition(edited, stored.UpdatedAt), limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A job's schedule, the time zone it runs in and its next five run times (also while paused).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The schedule; <see cref="ExportResult{T}.Conflict"/> for a stored job whose schedule or time zone the current rules
    /// refuse (it was paused at start-up with the reason; correct it with an update).
    /// </returns>
    public async Task<ExportResult<ExportJobSchedule>> GetScheduleAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is null ? ExportResult.Missing<ExportJobSchedule>() : ScheduleOf(job);
    }

    private ExportResult<ExportJobSchedule> ScheduleOf(ExportJob job)
    {
        CronSchedule schedule;
        try
        {
            schedule = _schedules.ForJob(job);
        }
        catch (InvalidOperationException ex)
        {
            return ExportResult.Conflicting<ExportJobSchedule>($"{ex.Message} Correct the schedule or time zone with a PUT.");
        }

        return ExportResult.Success(new ExportJobSchedule(job.Schedule, schedule.TimeZone.Id, job.Active, schedule.GetNextOccurrences(_time.GetUtcNow(), ScheduleRunCount)));
    }

    private async Task<ExportResult<ExportPreview>> PreviewJobAsync(ExportJob job, int limit, CancellationToken cancellationToken)
    {
        if (!_hasRecordSource)
        {
            return ExportResult.Unavailable<ExportPreview>(NoRecordSource);
        }

        try
        {
            return ExportResult.Success(await _previewer.PreviewAsync(job, limit, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ExportResult.Failed<ExportPreview>($"The record source failed ({ex.GetType().Name}): {_secrets.Scrub(ex.Message, job)}");
        }
    }
}
