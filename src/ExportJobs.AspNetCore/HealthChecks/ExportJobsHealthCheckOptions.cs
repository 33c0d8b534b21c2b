namespace ExportJobs.AspNetCore.HealthChecks;

/// <summary>Settings of the ExportJobs health check.</summary>
public sealed class ExportJobsHealthCheckOptions
{
    /// <summary>A job whose last this many runs all failed makes the check Degraded. Default 3.</summary>
    public int FailedRunsThreshold { get; set; } = 3;

    /// <summary>Whether a scheduler that is not running makes the check Unhealthy. Default true; set false on hosts that
    /// run the API without the scheduler.</summary>
    public bool RequireScheduler { get; set; } = true;
}
