namespace ExportJobs.Extensibility;

/// <summary>What a conditional job write (<see cref="ExportJobStore.TryUpdateJobAsync"/>, <see cref="ExportJobStore.TryDeleteJobAsync"/>) did.</summary>
public enum ExportJobWriteOutcome
{
    /// <summary>The job had the expected version and was written (or deleted).</summary>
    Written,

    /// <summary>No job has that id.</summary>
    NotFound,

    /// <summary>The job has another version than the expected one (someone changed it since it was read); nothing was written.</summary>
    VersionMismatch,
}
