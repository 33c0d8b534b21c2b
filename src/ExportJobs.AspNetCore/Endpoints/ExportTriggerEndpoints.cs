using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>
/// Handler of <c>POST /export-jobs/{id}/trigger</c>: starts a run now, whatever the schedule; an optional JSON body
/// <c>{ "mode": "full" }</c> runs it in that mode once.
/// </summary>
internal static class ExportTriggerEndpoints
{
    private static readonly Dictionary<string, ExportMode> Modes = new(StringComparer.Ordinal)
    {
        ["full"] = ExportMode.Full,
        ["changes"] = ExportMode.Changes,
    };

    public static async Task<IResult> TriggerAsync(string id, HttpContext context, ExportJobManager manager)
    {
        ExportMode? mode = null;
        if (context.Request.ContentLength is not (null or 0) || context.Request.Headers.TransferEncoding.Count > 0)
        {
            // Optional body: { "mode": "full" } runs a changes job in full once.
            var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
            if (body is null)
            {
                return problem!;
            }

            var errors = new ValidationErrors();
            mode = new JsonFieldReader(body, errors).Enum("mode", Modes);
            if (!errors.IsValid)
            {
                return ApiResults.Invalid(errors);
            }
        }

        var result = await manager.TriggerAsync(id, mode, context.RequestAborted);
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
