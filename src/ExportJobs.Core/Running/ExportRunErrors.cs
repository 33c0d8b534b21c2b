namespace ExportJobs.Running;

/// <summary>Run errors the library itself records.</summary>
public static class ExportRunErrors
{
    /// <summary>The error of a run that was still going when its host stopped or died.</summary>
    public const string Interrupted = "interrupted: the host stopped before the run finished";

    /// <summary>The error of a run whose host stopped renewing its lease (it died or lost the store), found by another host.</summary>
    public const string LeaseExpired = "interrupted: the host that ran it stopped responding";
}
