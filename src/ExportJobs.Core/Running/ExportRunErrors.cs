namespace ExportJobs.Running;

/// <summary>Run errors the library itself records.</summary>
public static class ExportRunErrors
{
    /// <summary>The error of a run that was still going when its host stopped or died.</summary>
    public const string Interrupted = "interrupted: the host stopped before the run finished";

    /// <summary>
    /// Why a run was cancelled when its host shut down (gracefully) while it ran. The run's error says where the export
    /// was, then this: <c>Cancelled while reading records from the record source (PimSource) after 1200 records: The host is shutting down; …</c>.
    /// </summary>
    public const string ShuttingDown = "The host is shutting down; the export was cancelled.";

    /// <summary>The error of a run whose host stopped renewing its lease (it died or lost the store), found by another host.</summary>
    public const string LeaseExpired = "interrupted: the host that ran it stopped responding";
}
