using ExportJobs.Management;
using ExportJobs.Model;

namespace ExportJobs.Running;

/// <summary>
/// Starts export runs in the background and keeps track of them: one run per job at a time in this process, a cap on
/// concurrent runs, and cancellation of running exports when the host stops.
/// </summary>
/// <remarks>The scheduler and <c>POST /export-jobs/{id}/trigger</c> both start runs through it.</remarks>
internal interface IExportRunDispatcher
{
    /// <summary>
    /// Opens a run (status <c>running</c>, stored) for <paramref name="job"/> and executes the export in the background.
    /// </summary>
    /// <param name="job">The job, as stored.</param>
    /// <param name="request">What started the run.</param>
    /// <param name="cancellationToken">Cancels opening the run (not the export once started).</param>
    /// <returns>The opened run and its completion, or <see langword="null"/> when the job already has a run in progress.</returns>
    Task<ExportRunHandle?> TryStartAsync(ExportJob job, ExportRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Whether the job has a run in progress in this process.</summary>
    /// <param name="jobId">The job id.</param>
    bool IsRunning(string jobId);

    /// <summary>Cancels the job's run in progress, if any; the run is recorded as failed with <paramref name="reason"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="reason">Why, for the run's error.</param>
    /// <returns>Whether a run was cancelled.</returns>
    bool Cancel(string jobId, string reason);

    /// <summary>The live progress of a run this process is doing, or <see langword="null"/> when it is not doing it.</summary>
    /// <param name="runId">The run id.</param>
    ExportRunProgress? GetProgress(string runId) => null;

    /// <summary>Cancels, on a user's request, a run this process is doing.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="requestedBy">Who asked, when known.</param>
    /// <returns>
    /// <see cref="ExportRunCancelOutcome.Accepted"/>, <see cref="ExportRunCancelOutcome.TooLate"/> once the run published,
    /// or <see langword="null"/> when this process is not doing the run.
    /// </returns>
    ExportRunCancelOutcome? CancelRun(string runId, string? requestedBy) => null;
}
