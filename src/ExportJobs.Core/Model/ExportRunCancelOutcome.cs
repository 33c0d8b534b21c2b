namespace ExportJobs.Model;

/// <summary>What became of a cancel request (<c>ExportJobManager.CancelRunAsync</c>).</summary>
public enum ExportRunCancelOutcome
{
    /// <summary>The run is being cancelled; it ends <c>failed</c> with <c>cancelled: true</c> (REST: 202).</summary>
    Accepted,

    /// <summary>No such job, or the job has no run with that id (REST: 404).</summary>
    NotFound,

    /// <summary>The run had ended already (REST: 409).</summary>
    Finished,

    /// <summary>The run has published its file already: too late to cancel, it ends as it would have (REST: 409).</summary>
    TooLate,
}
