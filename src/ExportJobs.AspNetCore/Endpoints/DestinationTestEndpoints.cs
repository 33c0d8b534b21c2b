using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>
/// "Test connection": checks that a destination is reachable and writable without exporting data.
/// <c>POST /{id}/test-connection</c> tests a stored job (or, with a body, the edited settings of that job, masks
/// standing for its stored secrets); <c>POST /test-connection</c> tests an unsaved <c>destinationType</c> + <c>destinationConfig</c>.
/// </summary>
/// <remarks>Answers 200 with <c>{ success, checks: [{ name, success, message }] }</c> whether or not the checks pass: the request itself succeeded.</remarks>
internal static class DestinationTestEndpoints
{
    public static async Task<IResult> TestJobAsync(string id, HttpContext context, ExportJobManager manager)
    {
        if (context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
        {
            return ToResult(await manager.TestConnectionAsync(id, context.RequestAborted), id);
        }

        return await TestBodyAsync(context, manager, id);
    }

    public static Task<IResult> TestUnsavedAsync(HttpContext context, ExportJobManager manager) =>
        TestBodyAsync(context, manager, jobId: null);

    private static async Task<IResult> TestBodyAsync(HttpContext context, ExportJobManager manager, string? jobId)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var fields = new JsonFieldReader(body, errors);
        var type = fields.String("destinationType", required: true);
        var config = fields.Object("destinationConfig", required: true);
        if (type is null || config is null)
        {
            return ApiResults.Invalid(errors);
        }

        return ToResult(await manager.TestConnectionAsync(type, config, jobId, errors, context.RequestAborted), jobId);
    }

    private static IResult ToResult(ExportResult<Extensibility.DestinationTestResult> result, string? jobId) => result switch
    {
        { NotFound: true } => ApiResults.JobNotFound(jobId ?? string.Empty),
        { Value: { } checks } => ApiResults.Json(checks),
        _ => ApiResults.Invalid(result.Errors!),
    };
}
