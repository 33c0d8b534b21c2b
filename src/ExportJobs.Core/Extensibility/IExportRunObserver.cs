using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>
/// Told what the runs of this host do: a run started, its progress, it finished, and a job was paused automatically.
/// Register with <c>builder.AddRunObserver&lt;T&gt;()</c>; the notifications issue (webhooks, e-mail) and dashboards
/// build on it.
/// </summary>
/// <remarks>
/// <para>
/// Each run is told once, by the host that records its final state: <c>started</c>, then <c>progress</c> (throttled, at
/// most a few times a second, also at every stage change), then <c>finished</c>. A run failed by another host (its own host
/// stopped renewing its lease), or found interrupted at start-up, is only told <c>finished</c> (by the host that failed
/// it); a run reported through the API is told <c>started</c> and, once it has a final status, <c>finished</c>.
/// </para>
/// <para>
/// Calls come off the run's path, one at a time per observer and in order, from a bounded queue of its own: an observer
/// can never fail, delay or repeat a run. One that throws is logged; one that takes longer than
/// <see cref="ExportJobsOptions.RunObserverTimeout"/> is logged and the next notification goes ahead; when its queue is
/// full (it hangs) further notifications to it are dropped and logged. Implement only the methods you need: every method
/// has an empty default, and members added later come with defaults too.
/// </para>
/// </remarks>
public interface IExportRunObserver
{
    /// <summary>A run started: it is stored with status <c>running</c>.</summary>
    /// <param name="run">The run as opened.</param>
    /// <param name="cancellationToken">Cancelled at the timeout or when the host stops.</param>
    ValueTask OnRunStartedAsync(ExportRun run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A running run got further.</summary>
    /// <param name="run">The run (status <c>running</c>, as opened).</param>
    /// <param name="progress">How far it got.</param>
    /// <param name="cancellationToken">Cancelled at the timeout or when the host stops.</param>
    ValueTask OnRunProgressAsync(ExportRun run, ExportRunProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A run ended and its final state is stored.</summary>
    /// <param name="run">The final run: <c>success</c> or <c>failed</c>.</param>
    /// <param name="retryFollows">Whether the scheduler will retry the occurrence (decided before this call; so is an automatic pause).</param>
    /// <param name="cancellationToken">Cancelled at the timeout or when the host stops.</param>
    ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A job was paused by the library (after repeated failures, or because its stored schedule is no longer accepted).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="reason">Its <c>pausedReason</c>.</param>
    /// <param name="cancellationToken">Cancelled at the timeout or when the host stops.</param>
    ValueTask OnJobAutoPausedAsync(string jobId, string reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
