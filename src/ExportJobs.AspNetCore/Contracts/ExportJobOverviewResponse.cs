using ExportJobs.Management;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>
/// <c>GET /export-jobs/{id}/overview</c>: a job's page in one answer. <c>job</c> is the job as <c>GET /export-jobs/{id}</c>
/// returns it, <c>runs</c> its newest runs as <c>GET …/{id}/runs</c> returns them, <c>moreRuns</c> whether older runs exist
/// (page on with <c>GET …/{id}/runs?before={last id}</c>), <c>schedule</c> as <c>GET …/{id}/schedule</c> returns it, or
/// <c>null</c> with <c>scheduleProblem</c> saying why when the current rules refuse the stored schedule or zone.
/// </summary>
internal sealed record ExportJobOverviewResponse(ExportJobResponse Job, IReadOnlyList<ExportRun> Runs, bool MoreRuns, ExportScheduleResponse? Schedule, string? ScheduleProblem)
{
    public static ExportJobOverviewResponse From(ExportJobOverview overview) => new(
        ExportJobResponse.From(overview.Job),
        overview.Runs,
        overview.MoreRuns,
        overview.Schedule is { } s ? new ExportScheduleResponse(s.Schedule, s.TimeZone, s.Active, s.NextRuns) : null,
        overview.ScheduleProblem);
}
