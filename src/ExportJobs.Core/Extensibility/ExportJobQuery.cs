namespace ExportJobs.Extensibility;

/// <summary>One page of the job list: <see cref="ExportJobStore.ListJobsAsync(ExportJobQuery, CancellationToken)"/>.</summary>
/// <remarks>
/// Pages are in job id order (ordinal, as ids are compared everywhere), not in creation order: an id is a position that
/// never moves, so a page after an id holds whether that job still exists or not, and jobs created or deleted while a
/// client pages never shift the pages it has yet to read. The ids the library makes are time-ordered (version 7
/// GUIDs), so id order is creation order to the millisecond.
/// </remarks>
public sealed record ExportJobQuery
{
    /// <summary>At most this many jobs; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>Only jobs whose id comes strictly after this one in ordinal order (the next page); the first page when <see langword="null"/>.</summary>
    public string? After { get; init; }
}
