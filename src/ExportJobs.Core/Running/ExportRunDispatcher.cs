using System.Collections.Concurrent;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Running;

/// <summary>
/// Starts runs in the background: one per job at a time, at most <see cref="ExportJobsOptions.MaxConcurrentRuns"/>
/// exporting at once (others wait, status <c>running</c>), and all cancelled and recorded as failed when the host stops.
/// </summary>
/// <remarks>
/// A run's export starts as soon as the run is opened, while the store writes the run (status <c>running</c>):
/// <see cref="TryStartAsync"/> still returns only once that write is done, so the run it returns can be read back, but
/// a store that commits writes in groups (LiteDB) no longer delays the start of hundreds of runs due at one instant. The
/// runner waits for the write before it delivers anything, and fails the run without delivering if the write failed.
/// </remarks>
internal sealed class ExportRunDispatcher : IExportRunDispatcher, IDisposable
{
    private readonly ConcurrentDictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots;
    private readonly ExportRunner _runner;
    private readonly ExportRunEvents _events;
    private readonly ExportJobStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportRunDispatcher> _logger;
    private int _disposed;

    public ExportRunDispatcher(ExportRunner runner, ExportJobStore store, TimeProvider time, IOptions<ExportJobsOptions> options, ILogger<ExportRunDispatcher> logger, ExportRunEvents? events = null)
    {
        _events = events ?? new ExportRunEvents();
        _runner = runner;
        _store = store;
        _time = time;
        _logger = logger;
        var max = Math.Max(1, options.Value.MaxConcurrentRuns);
        _slots = new SemaphoreSlim(max, max);
    }

    public async Task<ExportRunHandle?> TryStartAsync(ExportJob job, ExportRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(request);
        if (_stopping.IsCancellationRequested)
        {
            return null;
        }

        var active = new ActiveRun(_stopping.Token);
        if (!_active.TryAdd(job.Id, active))
        {
            active.Dispose();
            return null;
        }

        var run = request.Open(job, _time.GetUtcNow());
        Task recorded;
        try
        {
            recorded = _store.CreateRunAsync(run, cancellationToken);
        }
        catch
        {
            _active.TryRemove(new KeyValuePair<string, ActiveRun>(job.Id, active));
            active.Dispose();
            throw;
        }

        // The export starts now, beside the store's write of its run; the runner waits for that write before it delivers.
        active.Run = run;
        active.Recorded = recorded;
        var completion = Task.Run(() => ExecuteAsync(job, run, recorded, active), CancellationToken.None);
        active.Completion = completion;
        await recorded.ConfigureAwait(false);

        // Observers hear of the run once it is stored, then of its progress, sampled off the run's path.
        _events.Started(run);
        var sampler = _time.CreateTimer(static state =>
        {
            var (self, sampled) = ((ExportRunDispatcher, ActiveRun))state!;
            self.SampleProgress(sampled);
        }, (this, active), ExportRunEvents.ProgressInterval, ExportRunEvents.ProgressInterval);
        _ = completion.ContinueWith(static (_, s) => ((ITimer)s!).Dispose(), sampler, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new ExportRunHandle(run, completion);
    }

    public bool IsRunning(string jobId) => _active.ContainsKey(jobId);

    /// <summary>Hands a run's figures to the run events, which publish only what changed, a few times a second.</summary>
    private void SampleProgress(ActiveRun active)
    {
        if (active.Run is { } run)
        {
            _events.ReportProgress(run, active.Progress.Snapshot(_time.GetUtcNow()));
        }
    }

    /// <summary>The ids of the runs this host is doing now (their leases are renewed by <see cref="ExportRunLeaseKeeper"/>).</summary>
    public IReadOnlyCollection<string> ActiveRunIds() => _active.Values.Select(a => a.RunId).OfType<string>().ToArray();

    /// <summary>The runs this host is doing now, once opened.</summary>
    internal IReadOnlyList<ActiveRun> ActiveRuns() => _active.Values.Where(a => a.Run is not null && a.Recorded is { IsCompletedSuccessfully: true }).ToArray();

    /// <summary>The run with this id if this host is doing it, else <see langword="null"/>.</summary>
    /// <param name="runId">The run id.</param>
    internal ActiveRun? FindRun(string runId)
    {
        foreach (var active in _active.Values)
        {
            if (string.Equals(active.RunId, runId, StringComparison.Ordinal))
            {
                return active;
            }
        }

        return null;
    }

    public ExportRunProgress? GetProgress(string runId) => FindRun(runId)?.Progress.Snapshot(_time.GetUtcNow());

    public ExportRunCancelOutcome? CancelRun(string runId, string? requestedBy) =>
        FindRun(runId) is { } active
            ? active.TryCancelOnRequest(requestedBy) ? ExportRunCancelOutcome.Accepted : ExportRunCancelOutcome.TooLate
            : null;

    public bool Cancel(string jobId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (!_active.TryGetValue(jobId, out var active))
        {
            return false;
        }

        active.Cancel(reason);
        return true;
    }

    /// <summary>Cancels every run in progress (recorded as failed with the shutdown reason) and waits until they are recorded.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Disposed already (a host disposed while, or before, it was told to stop): Dispose cancelled every run, and the
        // token source is gone, so there is nothing left to stop.
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        // Every run's token is linked to this one; a run cancelled without a reason of its own reports ShuttingDown.
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // disposed in between: as above
        }

        var running = _active.Values.Select(a => a.Completion).OfType<Task<ExportRun>>().ToArray();

        if (running.Length > 0)
        {
            _logger.LogInformation("Cancelling {Count} running export(s) because the host is stopping.", running.Length);
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // Resolved both as itself and as IExportRunDispatcher, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task<ExportRun> ExecuteAsync(ExportJob job, ExportRun run, Task recorded, ActiveRun active)
    {
        var acquired = false;
        try
        {
            try
            {
                await _slots.WaitAsync(active.Token).ConfigureAwait(false);
                acquired = true;
            }
            catch (OperationCanceledException)
            {
                // Cancelled while waiting for a slot: the runner records it as cancelled at once.
            }

            return await _runner.RunAsync(job, run, recorded, active).ConfigureAwait(false);
        }
        finally
        {
            if (acquired)
            {
                _slots.Release();
            }

            _active.TryRemove(new KeyValuePair<string, ActiveRun>(job.Id, active));
            active.Dispose();
        }
    }
}
