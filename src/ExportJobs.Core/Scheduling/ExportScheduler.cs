using System.Collections.Concurrent;
using ExportJobs.Cron;
using ExportJobs.Diagnostics;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Scheduling;

/// <summary>
/// The hosted cron scheduler: starts every active job's runs at its cron occurrences, in the job's time zone.
/// </summary>
/// <remarks>
/// <para>
/// It keeps one entry per active job and a priority queue ordered by due time, and sleeps on a single
/// <see cref="TimeProvider"/> timer set to the earliest due item (or to shortly before it, to claim it ahead: see
/// <c>ExportScheduler.Claims.cs</c>); with the system clock it waits out the last milliseconds before a due instant with
/// <see cref="PreciseWake"/>, since the timer fires up to its clock's tick late. A change to a job (through
/// the front door, or from another host through the store's change feed) wakes it at once and reschedules that job only, so it costs nothing while idle and
/// holds tens of thousands of jobs. Everything runs on one loop; no state is shared between threads.
/// </para>
/// <para>
/// Each occurrence is claimed in the store before it starts (exactly one claimant wins), an occurrence that comes while
/// the job's previous run still goes is skipped, a run missed while the host was down runs once at start-up within the
/// misfire grace window, failed runs are retried with backoff, and jobs can be paused after repeated failures.
/// </para>
/// </remarks>
internal sealed partial class ExportScheduler : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(12);

    // .NET's timer queue fires timers due more than ~1/3 s ahead ("long" timers) only when it next sweeps its long list,
    // up to ~333 ms late. So a long sleep ends this much early and the last stretch is slept with a short, precise timer
    // (at most 300 ms, under the 333 ms threshold).
    private static readonly TimeSpan PreciseTail = TimeSpan.FromMilliseconds(300);
    private readonly ExportJobStore _store;
    private readonly ExportScheduleFactory _schedules;
    private readonly ExportRunEvents _events;
    private readonly IExportRunDispatcher? _dispatcher;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<ExportJobsOptions> _options;
    private readonly ILogger<ExportScheduler> _logger;
    private readonly ExportJobsTelemetry _telemetry;
    private readonly ExportSchedulerStatus _status;
    private readonly Dictionary<string, ScheduleEntry> _entries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<ScheduledWork, long> _queue = new();
    private readonly ConcurrentQueue<ExportRun> _completed = new();
    private readonly string _owner = ExportHost.Id;
    private readonly Lock _idleLock = new();

    // With the system clock, the last milliseconds before a due instant are waited out precisely (null otherwise).
    private readonly PreciseWake? _preciseWake;
    private TaskCompletionSource _idleChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _idleSequence = -1;
    private long _version;
    private readonly Secrets.JobNotificationRules? _notifications;

    public ExportScheduler(
        ExportJobStore store,
        ExportScheduleFactory schedules,
        ExportRunEvents events,
        TimeProvider time,
        IOptionsMonitor<ExportJobsOptions> options,
        ILogger<ExportScheduler> logger,
        ExportJobsTelemetry telemetry,
        ExportSchedulerStatus status,
        IExportRunDispatcher? dispatcher = null,
        Secrets.JobNotificationRules? notifications = null)
    {
        _notifications = notifications;
        _telemetry = telemetry;
        _status = status;
        _store = store;
        _schedules = schedules;
        _events = events;
        _time = time;
        _preciseWake = PreciseWake.IsUsedWith(time) ? new PreciseWake(time, Wake) : null;
        _options = options;
        _logger = logger;
        _dispatcher = dispatcher;
    }

    /// <summary>When the scheduler's timer fires next, as of its last pass; <see langword="null"/> when nothing is due.</summary>
    internal DateTimeOffset? NextWakeAt { get; private set; }

    /// <summary>How many active jobs the scheduler holds, as of its last pass.</summary>
    internal int ScheduledJobCount { get; private set; }

    /// <summary>Marks runs a dead host left <c>running</c> as failed, then starts the loop.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.CurrentValue.SchedulerEnabled)
        {
            LogDisabled();
            return;
        }

        await RecoverInterruptedRunsAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when the scheduler has handled every change, completion and due item signalled so far and sleeps.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <remarks>For tests that drive time with a fake clock.</remarks>
    internal async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_idleLock)
            {
                if (_idleSequence == WakeSequence)
                {
                    return;
                }

                changed = _idleChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_dispatcher is null)
        {
            LogNoDispatcher();
            return;
        }

        OpenChanges();
        _status.ReportStarted(_time.GetUtcNow());
        var stopReason = "stopped";
        try
        {
            await RunLoopAsync(_dispatcher, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped();
        }
        catch (Exception ex)
        {
            stopReason = $"{ex.GetType().Name}: {ex.Message}";
            throw;
        }
        finally
        {
            _status.ReportStopped(stopReason);
            CloseChanges();
            DrainCompletedRuns();
        }
    }

    private async Task RunLoopAsync(IExportRunDispatcher dispatcher, CancellationToken stoppingToken)
    {
        using var timer = _time.CreateTimer(static s => ((ExportScheduler)s!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var sequence = WakeSequence;
        await LoadJobsAsync(stoppingToken).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await ApplyChangesAsync(stoppingToken).ConfigureAwait(false);
                await HandleCompletedRunsAsync(stoppingToken).ConfigureAwait(false);
                await ClaimAheadAsync(stoppingToken).ConfigureAwait(false);
                await StartDueAsync(dispatcher, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }

            ArmTimer(timer);
            ReportIdle(sequence);
            await WaitForWakeAsync(stoppingToken).ConfigureAwait(false);
            sequence = WakeSequence;
        }
    }

    private void ArmTimer(ITimer timer)
    {
        DropStaleHead(_queue);
        DropStaleHead(_armed);
        var wakeTicks = long.MaxValue;
        if (_queue.TryPeek(out _, out var claimTicks))
        {
            wakeTicks = claimTicks - ClaimAhead.Ticks;
        }

        if (_armed.TryPeek(out _, out var startTicks) && startTicks < wakeTicks)
        {
            wakeTicks = startTicks;
        }

        if (wakeTicks == long.MaxValue)
        {
            _preciseWake?.Cancel();
            NextWakeAt = null;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var now = _time.GetUtcNow();
        var delay = new DateTimeOffset(Math.Max(wakeTicks, 0), TimeSpan.Zero) - now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxSleep ? MaxSleep : delay;
        if (_preciseWake is not null && delay <= PreciseWake.Window)
        {
            // The last milliseconds are waited out precisely (see PreciseWake), which then wakes the loop.
            NextWakeAt = now + delay;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _preciseWake.At(Math.Max(wakeTicks, 0));
            return;
        }

        _preciseWake?.Cancel();
        if (delay > PreciseTail)
        {
            delay -= PreciseTail;
        }
        else if (_preciseWake is not null)
        {
            delay -= PreciseWake.Window;
        }

        NextWakeAt = now + delay;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void ReportIdle(long sequence)
    {
        ScheduledJobCount = _entries.Count;
        lock (_idleLock)
        {
            _idleSequence = sequence;
            var changed = _idleChanged;
            _idleChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }
}
