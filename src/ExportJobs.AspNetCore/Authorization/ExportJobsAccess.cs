namespace ExportJobs.AspNetCore;

/// <summary>The kind of an ExportJobs endpoint, which decides its authorization policy (<see cref="ExportJobsAuthorization"/>).</summary>
public enum ExportJobsAccess
{
    /// <summary>Reading jobs, runs and schedules.</summary>
    Read,

    /// <summary>Triggering, pausing, resuming, cancelling.</summary>
    Operate,

    /// <summary>Creating, changing and deleting jobs, and what may reach their destinations or sources on request (tests, previews, reported runs).</summary>
    Edit,
}
