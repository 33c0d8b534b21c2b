namespace ExportJobs.AspNetCore;

/// <summary>
/// The authorization policies of the three kinds of ExportJobs endpoints: reading, operating and editing. Pass them to
/// <c>MapExportJobs(prefix, authorization)</c> and <c>MapExportJobsDashboard(prefix, o =&gt; o.Authorization = ...)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each endpoint requires the policy of its kind (when set), on top of whatever the host puts on the whole group with
/// <c>.RequireAuthorization()</c>. <b>Read</b>: every <c>GET</c> except the stored job's preview, and the
/// capabilities endpoint. <b>Operate</b>: trigger, pause, resume, cancel a run. <b>Edit</b>: create, replace, delete,
/// both test-connection endpoints, both previews, recording and completing runs, the notifications test.
/// </para>
/// <para>
/// The kinds do not include one another: an endpoint asks only for its own policy. A host whose operators may also read
/// says so in its policies (for example read = role viewer, operator or editor; operate = operator or editor; edit =
/// editor). A policy left <see langword="null"/> adds no requirement for its kind. Policies are names of policies the
/// host registers with <c>AddAuthorization(o =&gt; o.AddPolicy(...))</c>; an unknown name fails the first request that
/// needs it, as ASP.NET Core does.
/// </para>
/// </remarks>
public sealed class ExportJobsAuthorization
{
    /// <summary>The policy of the reading endpoints (the job list, a job, its runs and schedule, the capabilities endpoint); <see langword="null"/> for none.</summary>
    public string? ReadPolicy { get; set; }

    /// <summary>The policy of the operating endpoints (trigger, pause, resume, cancel a run); <see langword="null"/> for none.</summary>
    public string? OperatePolicy { get; set; }

    /// <summary>
    /// The policy of the editing endpoints (create, replace, delete, test connection, previews, recording and completing
    /// runs, testing notifications); <see langword="null"/> for none.
    /// </summary>
    public string? EditPolicy { get; set; }

    internal string? PolicyOf(ExportJobsAccess access) => access switch
    {
        ExportJobsAccess.Read => ReadPolicy,
        ExportJobsAccess.Operate => OperatePolicy,
        ExportJobsAccess.Edit => EditPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Unknown kind of access."),
    };
}
