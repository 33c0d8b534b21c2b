using ExportJobs.Model;

namespace ExportJobs.Management;

/// <summary>A page of a job's run history as a client asks for it: <c>GET /export-jobs/{id}/runs?limit=&amp;before=&amp;status=</c>.</summary>
public sealed record ExportRunPageRequest
{
    /// <summary>At most this many runs; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>
    /// The id of the last run of the previous page: this page holds the runs older than it. <see langword="null"/> for the
    /// newest runs.
    /// </summary>
    /// <remarks>
    /// The cursor is a position, not a pointer: it holds while new runs are recorded and also after the run it names was
    /// pruned, since run ids are time-ordered (version 7 GUIDs carry the millisecond they were made, which for the runs
    /// the library starts is their start). For a run that is gone, runs of the same job that started within that same
    /// millisecond may fall on either side of it.
    /// </remarks>
    public string? Before { get; init; }

    /// <summary>Only runs with this status, when set.</summary>
    public ExportRunStatus? Status { get; init; }
}
