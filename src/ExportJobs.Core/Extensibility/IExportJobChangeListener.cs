namespace ExportJobs.Extensibility;

/// <summary>Told when a job is created, changed or deleted (the scheduler uses it to wake up at once).</summary>
/// <remarks>Called after the change is stored, on the caller's thread; keep it fast and never throw.</remarks>
public interface IExportJobChangeListener
{
    /// <summary>A job was created, updated, paused, resumed or deleted.</summary>
    /// <param name="jobId">The job id.</param>
    void OnJobChanged(string jobId);
}
