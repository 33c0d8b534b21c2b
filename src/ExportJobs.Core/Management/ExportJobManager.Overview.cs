using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>A job's page in one call: the job, its newest runs and its next run times.</summary>
public sealed partial class ExportJobManager
{
    /// <summary>
    /// A job with what a page about it shows, in one call: the job (as <see cref="GetAsync"/>), its newest
    /// <paramref name="runLimit"/> runs (as <see cref="ListRunsAsync(string, ExportRunPageRequest, ValidationErrors?, CancellationToken)"/>),
    /// whether older runs exist, and its schedule with the next five run times (as <see cref="GetScheduleAsync"/>).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="runLimit">At most this many runs; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The overview, or <see langword="null"/> when the job does not exist.</returns>
    /// <remarks>A refused stored schedule (see <see cref="GetScheduleAsync"/>) is no failure here: the overview carries why, in <see cref="ExportJobOverview.ScheduleProblem"/>.</remarks>
    public async Task<ExportJobOverview?> GetOverviewAsync(string jobId, int runLimit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runLimit, 1);
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        var view = await ViewAsync(job, cancellationToken).ConfigureAwait(false);
        // One run more than asked tells whether an older page exists.
        var runs = await _store.ListRunsAsync(jobId, new ExportRunQuery { Limit = runLimit == int.MaxValue ? runLimit : runLimit + 1 }, cancellationToken).ConfigureAwait(false);
        var more = runs.Count > runLimit;
        var schedule = ScheduleOf(job);
        return new ExportJobOverview(view, WithLiveProgress(more ? runs.Take(runLimit).ToList() : runs), more, schedule.Value, schedule.Conflict);
    }
}
