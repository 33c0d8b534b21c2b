using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running;

/// <summary>Cancels the run of a job that was deleted while it exported; the run is recorded as failed with the reason.</summary>
internal sealed class DeletedJobCanceller(IExportRunDispatcher dispatcher, ExportJobStore store, ILogger<DeletedJobCanceller> logger) : IExportJobChangeListener
{
    public const string Reason = "The export job was deleted while the run was in progress.";

    public void OnJobChanged(string jobId)
    {
        if (dispatcher.IsRunning(jobId))
        {
            _ = CancelIfDeletedAsync(jobId);
        }
    }

    private async Task CancelIfDeletedAsync(string jobId)
    {
        try
        {
            if (await store.GetJobAsync(jobId).ConfigureAwait(false) is null)
            {
                dispatcher.Cancel(jobId, Reason);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not check whether job {JobId} was deleted ({ExceptionType}).", jobId, ex.GetType().Name);
        }
    }
}
