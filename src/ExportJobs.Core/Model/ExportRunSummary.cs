namespace ExportJobs.Model;

/// <summary>The short form of a run shown on a job as <c>lastRun</c>.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Status">The run status.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record ExportRunSummary(string Id, ExportRunStatus Status, DateTimeOffset StartedAt)
{
    /// <summary>Creates the summary of a run.</summary>
    /// <param name="run">The run.</param>
    public static ExportRunSummary From(ExportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExportRunSummary(run.Id, run.Status, run.StartedAt);
    }
}
