using ExportJobs.AspNetCore.Http;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handler of <c>POST /export-jobs/{id}/trigger</c>: starts a run now, whatever the schedule.</summary>
internal static class ExportTriggerEndpoints
{
    public static async Task<IResult> TriggerAsync(string id, HttpContext context, ExportJobStore store, IExportRunDispatcher dispatcher)
    {
        var job = await store.GetJobAsync(id, context.RequestAborted);
        if (job is null)
        {
            return ApiResults.JobNotFound(id);
        }

        var handle = await dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual), context.RequestAborted);
        if (handle is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The export job is already running.",
                detail: $"Export job '{id}' has a run in progress (or the host is shutting down). Wait for it to end, then trigger again.");
        }

        return ApiResults.Accepted(RunLocation(context, handle.Run.Id), handle.Run);
    }

    /// <summary><c>.../export-jobs/{id}/trigger</c> becomes <c>.../export-jobs/{id}/runs/{runId}</c>.</summary>
    private static string RunLocation(HttpContext context, string runId)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/');
        return $"{path[..path.LastIndexOf('/')]}/runs/{Uri.EscapeDataString(runId)}";
    }
}
