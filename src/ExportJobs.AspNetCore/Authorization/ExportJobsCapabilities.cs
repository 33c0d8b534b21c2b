namespace ExportJobs.AspNetCore;

/// <summary>
/// What the current user may do (<c>GET /export-jobs/capabilities</c>): each kind of endpoint whose policy the user
/// satisfies. The dashboard hides what is <see langword="false"/>; the API refuses it anyway (403).
/// </summary>
public sealed class ExportJobsCapabilities
{
    /// <summary>Creates the answer.</summary>
    /// <param name="read">May read jobs, runs and schedules.</param>
    /// <param name="operate">May trigger, pause, resume and cancel.</param>
    /// <param name="edit">May create, change and delete jobs, test connections, preview and report runs.</param>
    public ExportJobsCapabilities(bool read, bool operate, bool edit)
    {
        Read = read;
        Operate = operate;
        Edit = edit;
    }

    /// <summary>May read jobs, runs and schedules.</summary>
    public bool Read { get; }

    /// <summary>May trigger, pause, resume and cancel.</summary>
    public bool Operate { get; }

    /// <summary>May create, change and delete jobs, test connections, preview and report runs.</summary>
    public bool Edit { get; }
}
