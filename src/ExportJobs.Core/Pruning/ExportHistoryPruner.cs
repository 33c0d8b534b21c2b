using ExportJobs.Extensibility;
using ExportJobs.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ExportJobs.Retention;

namespace ExportJobs.Pruning;

/// <summary>
/// Keeps run history and occurrence claims bounded: every <see cref="ExportRetentionOptions.Interval"/> it deletes the
/// runs each job's retention no longer keeps and the claims no occurrence needs any more, in small store transactions.
/// </summary>
/// <remarks>
/// <para>
/// Runs: per job, <see cref="ExportJobStore.PruneRunsAsync"/> with the job's limits (its own, else the host's) until a
/// batch deletes less than it was allowed to, yielding between batches. The count limit is only checked for jobs whose
/// newest run changed since they were last within it (a job only goes over it by recording runs), and for every job once
/// an hour (a run that was kept because it was running may have finished since); the age limit is checked every pass,
/// from the job's oldest run alone.
/// </para>
/// <para>
/// Claims: the scheduler claims an occurrence only while it is at most <see cref="ExportJobsOptions.MisfireGraceWindow"/>
/// late, and ahead of time by a couple of seconds. Claims of occurrences older than the grace window plus
/// <see cref="ClaimMargin"/> (room for clocks of several hosts that disagree) can never be claimed again and go, except
/// each job's latest claim, from which a starting host finds what it missed.
/// </para>
/// </remarks>
internal sealed partial class ExportHistoryPruner(
    ExportJobStore store,
    IOptionsMonitor<ExportJobsOptions> options,
    TimeProvider time,
    ILogger<ExportHistoryPruner> logger) : BackgroundService
{
    /// <summary>How much longer than the misfire grace window claims are kept.</summary>
    internal static readonly TimeSpan ClaimMargin = TimeSpan.FromHours(1);

    private static readonly TimeSpan FullCheckEvery = TimeSpan.FromHours(1);

    // Per job: its newest run when it was last within its count limit, and that limit.
    private readonly Dictionary<string, (string? NewestRunId, int MaxRuns)> _withinCount = new(StringComparer.Ordinal);
    // Runs and claims cost differently per row (a run is a larger document with more index entries), so each has its own.
    private PruningBatchSize? _runBatches;
    private PruningBatchSize? _claimBatches;
    private DateTimeOffset _lastFullCheck = DateTimeOffset.MinValue;

    private PeriodicTimer? _timer;

    /// <summary>Told every transaction of a pass as it ends (benchmarks read holds and their causes from it).</summary>
    internal Action<PruningBatch>? BatchObserver { get; set; }

    /// <summary>Starts the interval when the host starts (not when the background loop gets a thread), then the loop.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Retention;
        if (settings.Enabled)
        {
            _timer = new PeriodicTimer(settings.Interval, time);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var pass = await PruneAsync(stoppingToken).ConfigureAwait(false);
                if (pass.RunsDeleted + pass.ClaimsDeleted > 0)
                {
                    LogPass(pass.RunsDeleted, pass.ClaimsDeleted, pass.Batches, pass.LongestBatch.TotalMilliseconds);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }
        }
    }

    /// <summary>One pruning pass over every job and the claims; the background loop calls it every interval.</summary>
    /// <param name="cancellationToken">Stops the pass between two batches.</param>
    internal async Task<HistoryPruningPass> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var retention = settings.Retention;
        await using var pruningLock = await store.TryLockPruningAsync(cancellationToken).ConfigureAwait(false);
        if (pruningLock is null)
        {
            return HistoryPruningPass.NotRun;
        }

        var runBatches = _runBatches ??= new PruningBatchSize(retention.BatchTarget, retention.MinBatchSize, retention.MaxBatchSize);
        var claimBatches = _claimBatches ??= new PruningBatchSize(retention.BatchTarget, retention.MinBatchSize, retention.MaxBatchSize);
        var now = time.GetUtcNow();
        if (now - _lastFullCheck >= FullCheckEvery)
        {
            _withinCount.Clear();
            _lastFullCheck = now;
        }

        var tally = new Tally();
        // Ids and retention only: the secrets stay sealed (nothing decrypted on every pass).
        var jobs = await store.ListJobsWithSealedSecretsAsync(cancellationToken).ConfigureAwait(false);
        var newest = await store.GetLatestRunSummariesAsync(jobs.Select(j => j.Id).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            var newestRunId = newest.GetValueOrDefault(job.Id)?.Id;
            var maxRuns = job.Retention?.MaxRuns ?? retention.MaxRuns;
            var maxAgeDays = job.Retention?.MaxAgeDays ?? retention.MaxAgeDays;
            var checkCount = maxRuns is { } limit
                && !(_withinCount.TryGetValue(job.Id, out var known) && known.MaxRuns == limit && string.Equals(known.NewestRunId, newestRunId, StringComparison.Ordinal));
            var pruning = new ExportRunPruning(checkCount ? maxRuns : null, maxAgeDays is { } days ? now - TimeSpan.FromDays(days) : null);
            if (pruning.KeepNewest is null && pruning.StartedBefore is null)
            {
                continue;
            }

            await DrainAsync(tally, runBatches, size => store.PruneRunsAsync(job.Id, pruning, size, cancellationToken), isRuns: true, cancellationToken).ConfigureAwait(false);
            if (maxRuns is { } kept)
            {
                _withinCount[job.Id] = (newestRunId, kept);
            }
        }

        var claimsBefore = now - settings.MisfireGraceWindow - ClaimMargin;
        await DrainAsync(tally, claimBatches, size => store.PruneClaimsAsync(claimsBefore, size, cancellationToken), isRuns: false, cancellationToken).ConfigureAwait(false);
        ForgetDeletedJobs(jobs);
        return new HistoryPruningPass(false, tally.Runs, tally.Claims, tally.Batches, tally.Longest);
    }

    private async Task DrainAsync(Tally tally, PruningBatchSize batchSize, Func<int, Task<int>> batch, bool isRuns, CancellationToken cancellationToken)
    {
        while (true)
        {
            var size = batchSize.Current;
            var pausedBefore = GC.GetTotalPauseDuration();
            var started = time.GetTimestamp();
            var deleted = await batch(size).ConfigureAwait(false);
            var held = time.GetElapsedTime(started);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;

            // A collection stops every thread whatever the batch size, so it does not make the next batch smaller.
            batchSize.Record(deleted, held - (paused < held ? paused : held));
            if (deleted > 0)
            {
                tally.Add(deleted, held, isRuns);
            }

            BatchObserver?.Invoke(new PruningBatch(isRuns, size, deleted, held, paused));
            if (deleted < size)
            {
                return;
            }

            // Let the writes that waited for this batch's lock go first.
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    private void ForgetDeletedJobs(IReadOnlyList<ExportJob> jobs)
    {
        if (_withinCount.Count <= jobs.Count)
        {
            return;
        }

        var ids = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _withinCount.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _withinCount.Remove(gone);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Runs} runs and {Claims} occurrence claims in {Batches} transactions (longest {LongestMs:F1} ms).")]
    private partial void LogPass(long runs, long claims, int batches, double longestMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A history pruning pass failed; the next pass tries again.")]
    private partial void LogPassFailed(Exception exception);

    private sealed class Tally
    {
        public long Runs { get; private set; }

        public long Claims { get; private set; }

        public int Batches { get; private set; }

        public TimeSpan Longest { get; private set; }

        public void Add(int deleted, TimeSpan took, bool isRuns)
        {
            if (isRuns)
            {
                Runs += deleted;
            }
            else
            {
                Claims += deleted;
            }

            Batches++;
            Longest = took > Longest ? took : Longest;
        }
    }
}
