using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>A job's upcoming run times, for the dashboard and for people checking a cron expression.</summary>
internal static class ExportScheduleEndpoints
{
    public static async Task<IResult> GetAsync(string id, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var result = await manager.GetScheduleAsync(id, cancellationToken);
        return result switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Value: { } schedule } => ApiResults.Json(new ExportScheduleResponse(schedule.Schedule, schedule.TimeZone, schedule.Active, schedule.NextRuns)),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job's stored schedule is no longer accepted.", detail: result.Conflict),
        };
    }
}
