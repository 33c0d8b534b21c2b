using ExportJobs.Validation;

namespace ExportJobs.Management;

/// <summary>The outcome of a change made through <see cref="ExportJobManager"/>.</summary>
/// <typeparam name="T">The value of a successful change.</typeparam>
public sealed class ExportResult<T>
    where T : class
{
    internal ExportResult(T? value, ValidationErrors? errors, bool notFound, string? conflict = null)
    {
        Value = value;
        Errors = errors;
        NotFound = notFound;
        Conflict = conflict;
    }

    /// <summary>The result of a successful change.</summary>
    public T? Value { get; }

    /// <summary>Every validation problem, when the change was rejected; nothing was stored then.</summary>
    public ValidationErrors? Errors { get; }

    /// <summary>Whether the job does not exist.</summary>
    public bool NotFound { get; }

    /// <summary>Why the change cannot be made in the current state (for example completing a finished run), or <see langword="null"/>.</summary>
    public string? Conflict { get; }
}

/// <summary>Creates <see cref="ExportResult{T}"/> values.</summary>
public static class ExportResult
{
    /// <summary>A successful change.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">Its result.</param>
    public static ExportResult<T> Success<T>(T value)
        where T : class => new(value, null, notFound: false);

    /// <summary>A change rejected for invalid input.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="errors">The problems.</param>
    public static ExportResult<T> Invalid<T>(ValidationErrors errors)
        where T : class => new(null, errors, notFound: false);

    /// <summary>A change to a job that does not exist.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    public static ExportResult<T> Missing<T>()
        where T : class => new(null, null, notFound: true);

    /// <summary>A change the current state does not allow (HTTP 409).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reason">What the caller can do about it.</param>
    public static ExportResult<T> Conflicting<T>(string reason)
        where T : class => new(null, null, notFound: false, reason);
}
