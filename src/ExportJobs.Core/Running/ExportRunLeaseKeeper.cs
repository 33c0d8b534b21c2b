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

    /// <summary>One heartbeat for this host's runs, then one sweep for expired runs of other hosts.</summary>
    internal async Task PassAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = dispatcher.ActiveRunIds();
        if (mine.Count > 0)
        {
            await store.RenewRunLeasesAsync(mine, ExportHost.Id, now, cancellationToken).ConfigureAwait(false);
        }

        var failed = await store.FailExpiredRunsAsync(now - lease, now, ExportRunErrors.LeaseExpired, cancellationToken).ConfigureAwait(false);
        foreach (var run in failed)
        {
            LogLeaseExpired(run.Id, run.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId} lost its lease (its host stopped responding) and was marked failed.")]
    private partial void LogLeaseExpired(string runId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing or checking run leases failed ({ExceptionType}: {Reason}); retrying at the next pass.")]
    private partial void LogPassFailed(string exceptionType, string reason);
}
