namespace ExportJobs.Management;

/// <summary>A page of the job list as a client asks for it: <c>GET /export-jobs?limit=&amp;after=</c>.</summary>
/// <remarks>
/// Pages are in job id order (ordinal). The ids the library makes are time-ordered (version 7 GUIDs), so that is
/// creation order to the millisecond; the whole list without paging stays in creation order (<c>createdAt</c>, then id).
/// </remarks>
public sealed record ExportJobPageRequest
{
    /// <summary>At most this many jobs; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>
    /// The id of the last job of the previous page: this page holds the jobs whose id comes after it. <see langword="null"/>
    /// for the first page.
    /// </summary>
    /// <remarks>
    /// The cursor is a position, not a pointer: it holds after the job it names was deleted, and jobs created or deleted
    /// meanwhile never make a page repeat or skip a job that exists throughout the walk. It must be the id of a stored
    /// job or have the form of the ids the library makes (32 lower-case hexadecimal digits).
    /// </remarks>
    public string? After { get; init; }
}
