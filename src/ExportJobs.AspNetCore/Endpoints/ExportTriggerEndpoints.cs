using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handler of <c>POST /export-jobs/{id}/trigger</c>: starts a run now, whatever the schedule.</summary>
internal static class ExportTriggerEndpoints
{
    public static async Task<IResult> TriggerAsync(string id, HttpContext context, ExportJobManager manager)
    {
        var result = await manager.TriggerAsync(id, context.RequestAborted);
        return result switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Value: { } run } => ApiResults.Accepted(RunLocation(context, run.Id), run),
            { Unavailable: { } reason } => ApiResults.Unavailable(reason),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The export job is already running.", detail: result.Conflict),
        };
    }

    /// <summary><c>.../export-jobs/{id}/trigger</c> becomes <c>.../export-jobs/{id}/runs/{runId}</c>.</summary>
    private static string RunLocation(HttpContext context, string runId)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/');
        return $"{path[..path.LastIndexOf('/')]}/runs/{Uri.EscapeDataString(runId)}";
    }
}
