using ExportJobs.AspNetCore.Http;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /{id}/notifications/test</c>: a test event to each of the job's notification channels; 200 with one result per
/// channel (<c>[{ channel, type, accepted, error }]</c>) whether or not they accepted it, 404 for an unknown job, 503 on a
/// host without notifications.
/// </summary>
internal static class NotificationTestEndpoints
{
    public static async Task<IResult> TestAsync(string id, HttpContext context, ExportJobManager manager) =>
        await manager.TestNotificationsAsync(id, context.RequestAborted) switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Unavailable: { } reason } => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This host sends no notifications.", detail: reason),
            { Value: { } results } => ApiResults.Json(results),
            var other => ApiResults.Invalid(other.Errors!),
        };
}
