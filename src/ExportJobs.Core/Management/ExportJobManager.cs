using ExportJobs.Destinations;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Running;
using ExportJobs.Scheduling;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>
/// Creates, changes and reads export jobs and their runs: the operations behind the REST API, usable from code too.
/// It validates every change, keeps secrets masked in what it returns, and tells the scheduler about every change.
/// </summary>
public sealed partial class ExportJobManager
{
    private readonly ExportJobStore _store;
    private readonly ExportJobValidator _validator;
    private readonly ExportComponentRegistry<IExportDestination> _destinations;
    private readonly ExportScheduleFactory _schedules;
    private readonly TimeProvider _time;
    private readonly IEnumerable<IExportJobChangeListener> _listeners;
    private readonly ILogger<ExportJobManager> _logger;
    private readonly IExportRunDispatcher _dispatcher;

    /// <summary>Creates the manager.</summary>
    /// <param name="store">The job store.</param>
    /// <param name="validator">Checks job definitions.</param>
    /// <param name="destinations">The registered destinations (for their secret settings).</param>
    /// <param name="schedules">Computes next run times.</param>
    /// <param name="time">The clock.</param>
    /// <param name="listeners">Told about every change.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="dispatcher">The runs this host is doing (for their live progress and cancel).</param>
    public ExportJobManager(
        ExportJobStore store,
        ExportJobValidator validator,
        ExportComponentRegistry<IExportDestination> destinations,
        ExportScheduleFactory schedules,
        TimeProvider time,
        IEnumerable<IExportJobChangeListener> listeners,
        ILogger<ExportJobManager> logger,
        IExportRunDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _store = store;
        _validator = validator;
        _destinations = destinations;
        _schedules = schedules;
        _time = time;
        _listeners = listeners;
        _logger = logger;
    }

    /// <summary>Returns every job, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ExportJobView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var jobs = await _store.ListJobsAsync(cancellationToken).ConfigureAwait(false);
        var lastRuns = await _store.GetLatestRunsAsync(jobs.Select(j => j.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return jobs.Select(j => ToView(j, lastRuns.GetValueOrDefault(j.Id), now)).ToList();
    }

    /// <summary>Returns one job, or <see langword="null"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportJobView?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is null ? null : await ViewAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates and stores a new job.</summary>
    /// <param name="definition">The job's settings.</param>
    /// <param name="errors">Problems found before (for example wrong JSON types); they are reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<ExportJobView>> CreateAsync(ExportJobDefinition definition, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        errors ??= new ValidationErrors();
        definition = RestoreSecrets(definition, stored: null, errors);
        _validator.Validate(definition, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportJobView>(errors);
        }

        var now = _time.GetUtcNow();
        var job = new ExportJob(NewId(now), definition) { CreatedAt = now, UpdatedAt = now };
        await _store.CreateJobAsync(job, cancellationToken).ConfigureAwait(false);
        LogJobChanged(job.Id, "created");
        Notify(job.Id);
        return ExportResult.Success<ExportJobView>(ToView(job, null, now));
    }

    /// <summary>Validates and replaces a job's settings (PUT semantics: the whole object).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="definition">The new settings; secrets sent as the mask keep their stored value.</param>
    /// <param name="errors">Problems found before; reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<ExportJobView>> UpdateAsync(string jobId, ExportJobDefinition definition, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var stored = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ExportResult.Missing<ExportJobView>();
        }

        errors ??= new ValidationErrors();
        var sameDestination = string.Equals(stored.DestinationType, definition.DestinationType, StringComparison.Ordinal);
        definition = RestoreSecrets(definition, sameDestination ? stored : null, errors);
        _validator.Validate(definition, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportJobView>(errors);
        }

        var updated = stored.WithDefinition(definition, _time.GetUtcNow());
        if (!await _store.UpdateJobAsync(updated, cancellationToken).ConfigureAwait(false))
        {
            return ExportResult.Missing<ExportJobView>();
        }

        LogJobChanged(jobId, "updated");
        Notify(jobId);
        return ExportResult.Success<ExportJobView>(await ViewAsync(updated, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes a job and its run history.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the job does not exist.</returns>
    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!await _store.DeleteJobAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        LogJobChanged(jobId, "deleted");
        Notify(jobId);
        return true;
    }

    /// <summary>Pauses a job; pausing a paused job changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="reason">Why, when the library pauses it (kept as <c>pausedReason</c>); <see langword="null"/> for a user's pause.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ExportJobView?> PauseAsync(string jobId, string? reason = null, CancellationToken cancellationToken = default) =>
        SetActiveAsync(jobId, active: false, reason, cancellationToken);

    /// <summary>Resumes a paused job from its next cron match after now (no catch-up); resuming an active job changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ExportJobView?> ResumeAsync(string jobId, CancellationToken cancellationToken = default) =>
        SetActiveAsync(jobId, active: true, reason: null, cancellationToken);

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

    /// <summary>The next occurrence of an active job after now, in the job's time zone; <see langword="null"/> when paused.</summary>
    /// <param name="job">The job.</param>
    public DateTimeOffset? GetNextRunAt(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return NextRunAt(job, _time.GetUtcNow());
    }

    /// <summary>Creates a new time-ordered id (a version 7 GUID in 32 hex digits).</summary>
    /// <param name="now">The current time.</param>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    private async Task<ExportJobView?> SetActiveAsync(string jobId, bool active, string? reason, CancellationToken cancellationToken)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        if (job.Active != active)
        {
            job = job with { Active = active, PausedReason = active ? null : reason, UpdatedAt = _time.GetUtcNow() };
            if (!await _store.UpdateJobAsync(job, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            LogJobChanged(jobId, active ? "resumed" : "paused");
            Notify(jobId);
        }

        return await ViewAsync(job, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExportJobView> ViewAsync(ExportJob job, CancellationToken cancellationToken)
    {
        var lastRun = await _store.GetLatestRunAsync(job.Id, null, cancellationToken).ConfigureAwait(false);
        return ToView(job, lastRun, _time.GetUtcNow());
    }

    private ExportJobView ToView(ExportJob job, ExportRun? lastRun, DateTimeOffset now)
    {
        var secrets = _destinations.Find(job.DestinationType)?.SecretSettings ?? [];
        var masked = job with { DestinationConfig = DestinationSecrets.MaskSecrets(job.DestinationConfig, secrets) };
        return new ExportJobView(masked, NextRunAt(job, now), lastRun is null ? null : ExportRunSummary.From(lastRun));
    }

    private DateTimeOffset? NextRunAt(ExportJob job, DateTimeOffset now)
    {
        if (!job.Active)
        {
            return null;
        }

        try
        {
            return _schedules.ForJob(job).GetNextOccurrence(now);
        }
        catch (InvalidOperationException)
        {
            return null; // A stored schedule today's rules refuse: the scheduler pauses the job with the reason.
        }
    }

    private ExportJobDefinition RestoreSecrets(ExportJobDefinition definition, ExportJob? stored, ValidationErrors errors)
    {
        var destination = _destinations.Find(definition.DestinationType);
        if (destination is null || destination.SecretSettings.Count == 0)
        {
            return definition;
        }

        var config = DestinationSecrets.RestoreMasked(definition.DestinationConfig, stored?.DestinationConfig, destination.SecretSettings, errors.Scope("destinationConfig"), destination.EndpointSettings);
        return definition with { DestinationConfig = config };
    }

    private void Notify(string jobId)
    {
        foreach (var listener in _listeners)
        {
            listener.OnJobChanged(jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} {Change}.")]
    private partial void LogJobChanged(string jobId, string change);
}
