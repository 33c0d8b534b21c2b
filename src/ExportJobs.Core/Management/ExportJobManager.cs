using ExportJobs.Cron;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Preview;
using ExportJobs.Registration;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using ExportJobs.Scheduling;
using ExportJobs.Secrets;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Management;

/// <summary>
/// The front door of ExportJobs: every use case of the REST API, callable from a host's own code (an admin UI, a CLI, a
/// message handler) with the same validation and the same errors. Jobs: list, get, create, update, delete, pause,
/// resume; runs: list, get, record, trigger; preview, schedule, test-connection, the registered destination types and
/// formats, and the scheduler's state.
/// </summary>
/// <remarks>
/// It validates every change, keeps secrets masked in what it returns (a secret sent back as the mask keeps its stored
/// value), scrubs them out of every error, and tells the scheduler about every change. The engines behind it (store,
/// scheduler, dispatcher, runner, registries, validator) are internal; resolve this class from the container
/// (<c>AddExportJobs()</c> registers it as a singleton).
/// </remarks>
public sealed partial class ExportJobManager
{
    private readonly ExportJobStore _store;
    private readonly ExportJobValidator _validator;
    private readonly ExportComponentRegistry<IExportDestination> _destinations;
    private readonly ExportComponentRegistry<IExportFormat> _formats;
    private readonly DestinationSecretPolicy _secrets;
    private readonly ExportScheduleFactory _schedules;
    private readonly IExportRunDispatcher _dispatcher;
    private readonly ExportPreviewer _previewer;
    private readonly ExportSchedulerStatus _scheduler;
    private readonly IOptionsMonitor<ExportJobsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IEnumerable<IExportJobChangeListener> _listeners;
    private readonly ILogger<ExportJobManager> _logger;
    private readonly ExportRunEvents _events;
    private readonly bool _hasRecordSource;
    private readonly IExportNotificationTester? _notifications;

    /// <summary>Why a host without a record source refuses previews and triggers.</summary>
    private const string NoRecordSource =
        "This host has no record source, so it cannot read records for a preview or a run (it serves only the API: ExportJobs:SchedulerEnabled is false and no AddRecordSource<T>() was called). Send the request to a host with a record source, or register one with AddRecordSource<T>(); scheduled runs are not affected.";

    internal ExportJobManager(
        ExportJobStore store,
        ExportJobValidator validator,
        ExportComponentRegistry<IExportDestination> destinations,
        ExportComponentRegistry<IExportFormat> formats,
        DestinationSecretPolicy secrets,
        ExportScheduleFactory schedules,
        IExportRunDispatcher dispatcher,
        ExportPreviewer previewer,
        ExportSchedulerStatus scheduler,
        IOptionsMonitor<ExportJobsOptions> options,
        TimeProvider time,
        IEnumerable<IExportJobChangeListener> listeners,
        ILogger<ExportJobManager> logger,
        ExportRunEvents events,
        bool hasRecordSource = true,
        IExportNotificationTester? notifications = null)
    {
        _events = events;
        _notifications = notifications;
        _hasRecordSource = hasRecordSource;
        _store = store;
        _validator = validator;
        _destinations = destinations;
        _formats = formats;
        _secrets = secrets;
        _schedules = schedules;
        _dispatcher = dispatcher;
        _previewer = previewer;
        _scheduler = scheduler;
        _options = options;
        _time = time;
        _listeners = listeners;
        _logger = logger;
    }

    /// <summary>Returns every job, oldest first (by <see cref="ExportJob.CreatedAt"/>, then id); <see cref="ListAsync(ExportJobPageRequest, ValidationErrors?, CancellationToken)"/> pages instead.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ExportJobView>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (_store is SecretProtectingExportJobStore protecting)
        {
            return await ViewsAsync(await protecting.ListMaskedJobsAsync(cancellationToken).ConfigureAwait(false), masked: true, cancellationToken).ConfigureAwait(false);
        }

        return await ViewsAsync(await _store.ListJobsAsync(cancellationToken).ConfigureAwait(false), masked: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The views of listed jobs (<paramref name="masked"/>: their secrets are masked already): their last runs read in one batch.</summary>
    private async Task<IReadOnlyList<ExportJobView>> ViewsAsync(IReadOnlyList<ExportJob> jobs, bool masked, CancellationToken cancellationToken)
    {
        var lastRuns = await _store.GetLatestRunSummariesAsync(jobs.Select(j => j.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        // Jobs with the same schedule and zone (one cached CronSchedule) have the same next run: computed once per list.
        var nextRuns = new Dictionary<CronSchedule, DateTimeOffset?>(ReferenceEqualityComparer.Instance);
        return jobs.Select(j =>
        {
            var shown = masked ? j : _secrets.Mask(j);
            return new ExportJobView(shown, NextRunAt(shown, now, nextRuns), lastRuns.GetValueOrDefault(j.Id));
        }).ToList();
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
        definition = _secrets.Restore(definition, stored: null, errors);
        _validator.Validate(definition, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<ExportJobView>(errors);
        }

        var now = _time.GetUtcNow();
        var job = new ExportJob(ExportIds.New(now), definition) { CreatedAt = now, UpdatedAt = now };
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
    /// <remarks>
    /// The change is made to the job as stored at that moment (compare-and-swap on its version, read again when someone
    /// wrote in between), so it never writes back a stale copy of the fields it does not set.
    /// </remarks>
    public Task<ExportResult<ExportJobView>> UpdateAsync(string jobId, ExportJobDefinition definition, ValidationErrors? errors = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(jobId, definition, new ExportJobUpdateOptions(), errors, cancellationToken);

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
    public async Task<ExportJobView?> PauseAsync(string jobId, string? reason = null, CancellationToken cancellationToken = default) =>
        (await SetActiveAsync(jobId, active: false, expectedVersion: null, reason, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Resumes a paused job from its next cron match after now (no catch-up); resuming an active job changes nothing.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportJobView?> ResumeAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await SetActiveAsync(jobId, active: true, expectedVersion: null, reason: null, cancellationToken).ConfigureAwait(false)).Value;

    private async Task<ExportJobView> ViewAsync(ExportJob job, CancellationToken cancellationToken)
    {
        var lastRun = await _store.GetLatestRunAsync(job.Id, null, cancellationToken).ConfigureAwait(false);
        return ToView(job, lastRun, _time.GetUtcNow());
    }

    private ExportJobView ToView(ExportJob job, ExportRun? lastRun, DateTimeOffset now) =>
        ViewOfMasked(_secrets.Mask(job), lastRun, now);

    private ExportJobView ViewOfMasked(ExportJob masked, ExportRun? lastRun, DateTimeOffset now) =>
        new(masked, NextRunAt(masked, now), lastRun is null ? null : ExportRunSummary.From(lastRun));

    private DateTimeOffset? NextRunAt(ExportJob job, DateTimeOffset now, Dictionary<CronSchedule, DateTimeOffset?>? computed = null)
    {
        if (!job.Active)
        {
            return null;
        }

        try
        {
            var schedule = _schedules.ForJob(job);
            if (computed is null)
            {
                return schedule.GetNextOccurrence(now);
            }

            if (!computed.TryGetValue(schedule, out var next))
            {
                next = schedule.GetNextOccurrence(now);
                computed[schedule] = next;
            }

            return next;
        }
        catch (InvalidOperationException)
        {
            return null; // A stored schedule today's rules refuse: the scheduler pauses the job with the reason.
        }
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
