using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>The outcome of an operation of <see cref="ExportJobManager"/>: a value, or why there is none.</summary>
/// <typeparam name="T">The value of a successful operation.</typeparam>
/// <remarks>
/// Exactly one of <see cref="Value"/>, <see cref="Errors"/>, <see cref="NotFound"/>, <see cref="Conflict"/>,
/// <see cref="Failure"/>, <see cref="Unavailable"/> and <see cref="CurrentVersion"/> is set. The REST API answers them
/// with 200/201/202, 400, 404, 409, 502, 503 and 412.
/// </remarks>
public sealed class ExportResult<T>
    where T : class
{
    internal ExportResult(T? value, ValidationErrors? errors, bool notFound, string? conflict = null, string? failure = null, long? currentVersion = null, string? unavailable = null)
    {
        Unavailable = unavailable;
        Value = value;
        Errors = errors;
        NotFound = notFound;
        Conflict = conflict;
        Failure = failure;
        CurrentVersion = currentVersion;
    }

    /// <summary>The result of a successful operation.</summary>
    public T? Value { get; }

    /// <summary>Every validation problem, when the input was rejected; nothing was stored then.</summary>
    public ValidationErrors? Errors { get; }

    /// <summary>Whether the job (or run) does not exist.</summary>
    public bool NotFound { get; }

    /// <summary>Why the operation cannot be done in the job's current state (for example: it already has a run in progress), and what to do.</summary>
    public string? Conflict { get; }

    /// <summary>What failed outside the caller's input (for example: the record source threw during a preview); never contains a secret.</summary>
    public string? Failure { get; }

    /// <summary>
    /// Why this host cannot do the operation at all, whatever the job (for example: it has no record source, so it cannot
    /// preview or run an export), and what to do; the REST API answers 503.
    /// </summary>
    public string? Unavailable { get; }

    /// <summary>
    /// Whether the change was refused because the job is no longer at the version it was asked for (someone changed it
    /// since); nothing was stored. <see cref="CurrentVersion"/> is the job's version then.
    /// </summary>
    public bool VersionMismatch => CurrentVersion is not null;

    /// <summary>The job's stored version when <see cref="VersionMismatch"/>.</summary>
    public long? CurrentVersion { get; }
}
