namespace ExportJobs.Model;

/// <summary>What started a run.</summary>
public enum ExportRunTrigger
{
    /// <summary>The scheduler, at a cron occurrence.</summary>
    Schedule,

    /// <summary>A user, through <c>POST /export-jobs/{id}/trigger</c> or code.</summary>
    Manual,

    /// <summary>An external runner that recorded the run through <c>POST /export-jobs/{id}/runs</c>.</summary>
    External,

    /// <summary>The scheduler, retrying a failed run.</summary>
    Retry,
}
