using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Preview;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Previews of a stored job, of an unsaved job body, or of the edited body of a stored job: first rows, file name, next run times. Writes nothing.</summary>
internal static class ExportPreviewEndpoints
{
    public const int DefaultLimit = 20;

    public static async Task<IResult> PreviewStoredAsync(string id, HttpContext context, ExportJobManager manager)
    {
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, DefaultLimit, ExportJobManager.MaxPreviewLimit, errors);
        if (!errors.IsValid)
        {
            return ApiResults.Invalid(errors);
        }

        return ToResult(await manager.PreviewAsync(id, limit, context.RequestAborted), id);
    }

    public static async Task<IResult> PreviewUnsavedAsync(HttpContext context, ExportJobManager manager)
    {
        var (limit, definition, errors, problem) = await ReadUnsavedAsync(context);
        return definition is null ? problem! : ToResult(await manager.PreviewUnsavedAsync(definition, limit, errors, context.RequestAborted), jobId: null);
    }

    /// <summary>The edited, unsaved body of stored job <paramref name="id"/>: masks stand for its stored secrets, as in a PUT.</summary>
    public static async Task<IResult> PreviewEditedAsync(string id, HttpContext context, ExportJobManager manager)
    {
        var (limit, definition, errors, problem) = await ReadUnsavedAsync(context);
        return definition is null ? problem! : ToResult(await manager.PreviewUnsavedAsync(id, definition, limit, errors, context.RequestAborted), id);
    }

    /// <summary>An unsaved definition and its <c>limit</c>, the problems of both collected; or the body's own problem (not JSON, too large).</summary>
    private static async Task<(int Limit, ExportJobDefinition? Definition, ValidationErrors Errors, IResult? Problem)> ReadUnsavedAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, DefaultLimit, ExportJobManager.MaxPreviewLimit, errors);
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        return body is null ? (limit, null, errors, problem) : (limit, ExportJobRequestReader.Read(body, errors), errors, null);
    }

    private static IResult ToResult(ExportResult<ExportPreview> result, string? jobId) => result switch
    {
        { NotFound: true } => ApiResults.JobNotFound(jobId ?? string.Empty),
        { Value: { } preview } => ApiResults.Json(preview),
        { Unavailable: { } reason } => ApiResults.Unavailable(reason),
        { Failure: { } failure } => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The preview could not read records.", detail: failure),
        _ => ApiResults.Invalid(result.Errors!),
    };
}
