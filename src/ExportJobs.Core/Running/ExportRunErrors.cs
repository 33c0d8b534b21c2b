namespace ExportJobs.Running;

/// <summary>Run errors the library itself records.</summary>
internal static class ExportRunErrors
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

    /// <summary>The start of the error of a run cancelled on request (<c>POST …/runs/{runId}/cancel</c>).</summary>
    public const string CancelledOnRequestPrefix = "Cancelled on request";

    /// <summary>The error of a run this host lost to another one (it stalled past its lease and was failed there).</summary>
    public const string Lost = "interrupted: this host lost the run to another host (its lease expired)";

    /// <summary>The reason of a cancel on request: <c>Cancelled on request</c>, plus who asked when known.</summary>
    /// <param name="requestedBy">Who asked, or <see langword="null"/>.</param>
    internal static string CancelledOnRequest(string? requestedBy) =>
        string.IsNullOrEmpty(requestedBy) ? CancelledOnRequestPrefix : $"{CancelledOnRequestPrefix} by {requestedBy}";
}
