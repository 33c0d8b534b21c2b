using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Secrets;
using ExportJobs.Validation;

namespace ExportJobs.Management;

public sealed partial class ExportJobManager
{
    /// <summary>
    /// Returns one page of a job's runs, newest first (see <see cref="ExportRunPageRequest"/>); not found when the job does
    /// not exist, invalid (under <c>before</c>) when the cursor is neither a run of the job nor a time-ordered run id.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="request">The page.</param>
    /// <param name="errors">Problems found before (for example a bad <c>limit</c>); reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<IReadOnlyList<ExportRun>>> ListRunsAsync(string jobId, ExportRunPageRequest request, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        errors ??= new ValidationErrors();
        if (!await _store.JobExistsAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            return ExportResult.Missing<IReadOnlyList<ExportRun>>();
        }

        ExportRunPosition? before = null;
        if (request.Before is { } cursor)
        {
            before = await FindPositionAsync(jobId, cursor, cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                errors.Add("before", "'before' must be the id of a run of this job (32 hexadecimal digits, as in a run's 'id'); a run that has been pruned since still works.");
            }
        }

        if (!errors.IsValid)
        {
            return ExportResult.Invalid<IReadOnlyList<ExportRun>>(errors);
        }

        var query = new ExportRunQuery { Limit = request.Limit, Before = before, Status = request.Status };
        var runs = await _store.ListRunsAsync(jobId, query, cancellationToken).ConfigureAwait(false);
        return ExportResult.Success(WithLiveProgress(runs));
    }

    /// <summary>
    /// Returns one page of the job list in id order (see <see cref="ExportJobPageRequest"/>), each job as
    /// <see cref="ListAsync(CancellationToken)"/> shows it; invalid (under <c>after</c>) when the cursor is neither a
    /// stored job's id nor of the form of the ids the library makes.
    /// </summary>
    /// <param name="request">The page.</param>
    /// <param name="errors">Problems found before (for example a bad <c>limit</c>); reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ExportResult<IReadOnlyList<ExportJobView>>> ListAsync(ExportJobPageRequest request, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        errors ??= new ValidationErrors();
        if (request.After is { } after && !await IsJobCursorAsync(after, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("after", "'after' must be the id of the last job of the previous page (32 lower-case hexadecimal digits, as in a job's 'id'); a job deleted since still works.");
        }

        if (!errors.IsValid)
        {
            return ExportResult.Invalid<IReadOnlyList<ExportJobView>>(errors);
        }

        var query = new ExportJobQuery { Limit = request.Limit, After = request.After };
        var views = _store is SecretProtectingExportJobStore protecting
            ? await ViewsAsync(await protecting.ListMaskedJobsAsync(query, cancellationToken).ConfigureAwait(false), masked: true, cancellationToken).ConfigureAwait(false)
            : await ViewsAsync(await _store.ListJobsAsync(query, cancellationToken).ConfigureAwait(false), masked: false, cancellationToken).ConfigureAwait(false);
        return ExportResult.Success(views);
    }

    /// <summary>Whether a job cursor stands for a position: it has the form of a library-made id (the job may be gone), or it is a stored job's id.</summary>
    private async Task<bool> IsJobCursorAsync(string cursor, CancellationToken cancellationToken)
    {
        if (cursor.Length == 32 && cursor.All(char.IsAsciiHexDigitLower))
        {
            return true;
        }

        return cursor.Length is > 0 and <= 200 && await _store.JobExistsAsync(cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The position a cursor stands for: its run's, or the instant in its time-ordered id when the run is gone.</summary>
    private async Task<ExportRunPosition?> FindPositionAsync(string jobId, string cursor, CancellationToken cancellationToken)
    {
        if (cursor.Length == 0 || cursor.Length > 200)
        {
            return null;
        }

        var run = await _store.GetRunAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (run is not null && string.Equals(run.JobId, jobId, StringComparison.Ordinal))
        {
            return new ExportRunPosition(run.StartedAt, run.Id);
        }

        return ExportIds.TryGetInstant(cursor, out var instant) ? new ExportRunPosition(instant, cursor) : null;
    }
}
