using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>Creates <see cref="ExportResult{T}"/> values.</summary>
public static class ExportResult
{
    /// <summary>A successful operation.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">Its result.</param>
    public static ExportResult<T> Success<T>(T value)
        where T : class => new(value, null, notFound: false);

    /// <summary>An operation rejected for invalid input.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="errors">The problems.</param>
    public static ExportResult<T> Invalid<T>(ValidationErrors errors)
        where T : class => new(null, errors, notFound: false);

    /// <summary>A change refused because the job is at another version than the one asked for (HTTP 412).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="currentVersion">The job's stored version.</param>
    public static ExportResult<T> Stale<T>(long currentVersion)
        where T : class => new(null, null, notFound: false, currentVersion: currentVersion);

    /// <summary>An operation on a job (or run) that does not exist.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    public static ExportResult<T> Missing<T>()
        where T : class => new(null, null, notFound: true);

    /// <summary>An operation the current state does not allow (HTTP 409): the job already runs, a run is finished, a stored schedule is refused.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reason">Why, and what the caller can do about it.</param>
    public static ExportResult<T> Conflicting<T>(string reason)
        where T : class => new(null, null, notFound: false, conflict: reason);

    /// <summary>
    /// An operation this host cannot do at all (HTTP 503): for example a preview or trigger on a host without a record
    /// source (an API-only host with <see cref="ExportJobsOptions.SchedulerEnabled"/> off).
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reason">What is missing, and what to do about it.</param>
    public static ExportResult<T> Unavailable<T>(string reason)
        where T : class => new(null, null, notFound: false, unavailable: reason);

    /// <summary>An operation that failed outside the caller's input.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="message">What failed, without secrets.</param>
    public static ExportResult<T> Failed<T>(string message)
        where T : class => new(null, null, notFound: false, failure: message);
}
