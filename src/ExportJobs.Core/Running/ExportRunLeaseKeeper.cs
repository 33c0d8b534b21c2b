using ExportJobs.Extensibility;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Running;

/// <summary>
/// With a store that supports run leases: renews the leases of this host's runs every third of
/// <see cref="ExportJobsOptions.RunLeaseDuration"/>, and marks failed the runs of hosts that stopped renewing theirs.
/// </summary>
/// <remarks>
/// A run whose host died is found at most one lease plus one pass (a third of a lease) after its last heartbeat. The
/// store fails expired runs in one atomic statement, so several surviving hosts never record the same run twice.
/// </remarks>
internal sealed partial class ExportRunLeaseKeeper(
    ExportJobStore store,
    ExportRunDispatcher dispatcher,
    Events.ExportRunEvents events,
    TimeProvider time,
    IOptionsMonitor<ExportJobsOptions> options,
    ILogger<ExportRunLeaseKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.SupportsRunLeases)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var lease = options.CurrentValue.RunLeaseDuration;
            try
            {
                await PassAsync(lease, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex.GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(lease / 3, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One heartbeat for this host's runs (with their progress; the answer says whether each is still held and whether a
    /// cancel was asked for on another host), then one sweep for expired runs of other hosts.
    /// </summary>
    internal async Task PassAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = dispatcher.ActiveRuns();
        if (mine.Count > 0)
        {
            var heartbeats = mine.Select(a => new ExportRunHeartbeat(a.Run!.Id, a.Run.Epoch, a.Progress.Snapshot(now))).ToArray();
            var states = await store.HeartbeatRunsAsync(heartbeats, ExportHost.Id, now, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < states.Count && i < mine.Count; i++)
            {
                Apply(mine[i], states[i]);
            }
        }

        var failed = await store.FailExpiredRunsAsync(now - lease, now, ExportRunErrors.LeaseExpired, cancellationToken).ConfigureAwait(false);
        foreach (var run in failed)
        {
            LogLeaseExpired(run.Id, run.JobId);
            events.Finished(run, retryFollows: false);
        }
    }

    private void Apply(ActiveRun active, ExportRunLeaseState state)
    {
        if (!state.Held)
        {
            // Another host failed it (its lease expired while this host stalled), or it ended: stop, publish nothing.
            if (active.Completion is { IsCompleted: false })
            {
                active.MarkLost();
                LogRunLost(state.RunId);
            }
        }
        else if (state.CancelRequested && !active.Token.IsCancellationRequested)
        {
            if (active.TryCancelOnRequest(state.CancelledBy))
            {
                LogCancelledFromStore(state.RunId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This host lost run {RunId}: the store no longer has it running under this host's lease (another host failed it). It is stopped and neither published nor recorded here.")]
    private partial void LogRunLost(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} is cancelled: a cancel was asked for on another host.")]
    private partial void LogCancelledFromStore(string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId} lost its lease (its host stopped responding) and was marked failed.")]
    private partial void LogLeaseExpired(string runId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing or checking run leases failed ({ExceptionType}: {Reason}); retrying at the next pass.")]
    private partial void LogPassFailed(string exceptionType, string reason);
}
