using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handlers that stop runs: <c>POST …/runs/{runId}/cancel</c> and <c>POST …/pause?cancelRunning=true</c>.</summary>
internal static class ExportRunCancelEndpoints
{
    public static async Task<IResult> CancelAsync(string id, string runId, HttpContext context, ExportJobManager manager)
    {
        var result = await manager.CancelRunAsync(id, runId, RequestedBy(context), context.RequestAborted);
        return result.Outcome switch
        {
            ExportRunCancelOutcome.Accepted => ApiResults.Json(result.Run!, StatusCodes.Status202Accepted),
            ExportRunCancelOutcome.Finished => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The run has already ended.",
                detail: $"Run '{runId}' of export job '{id}' is {result.Run!.Status.ToString().ToLowerInvariant()}; only a running run can be cancelled."),
            ExportRunCancelOutcome.TooLate => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Too late to cancel the run.",
                detail: $"Run '{runId}' of export job '{id}' has already published its file; it ends as it would have."),
            _ => ApiResults.RunNotFound(id, runId),
        };
    }

    public static async Task<IResult> PauseAsync(string id, HttpContext context, ExportJobManager manager)
    {
        var errors = new ValidationErrors();
        var cancelRunning = QueryFlag.Read(context, "cancelRunning", errors);
        if (!errors.IsValid)
        {
            return ApiResults.Invalid(errors);
        }

        if (!JobEntityTag.TryReadIfMatch(context.Request, out var expected, out var badHeader))
        {
            return badHeader!;
        }

        return ExportJobEndpoints.Answer(id, await manager.TryPauseAsync(id, expected, cancelRunning, RequestedBy(context), context.RequestAborted));
    }

    /// <summary>The authenticated user's name, for the cancelled run's error; <see langword="null"/> for anonymous requests.</summary>
    private static string? RequestedBy(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
}
