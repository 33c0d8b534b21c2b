using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handlers of the job resource: list, create, get, replace, delete.</summary>
internal static class ExportJobEndpoints
{
    public static async Task<IResult> ListAsync(ExportJobManager manager, CancellationToken cancellationToken)
    {
        var jobs = await manager.ListAsync(cancellationToken);
        return ApiResults.Json(jobs.Select(ExportJobResponse.From).ToList());
    }

    public static async Task<IResult> GetAsync(string id, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var view = await manager.GetAsync(id, cancellationToken);
        return view is null ? ApiResults.JobNotFound(id) : ApiResults.Json(ExportJobResponse.From(view));
    }

    public static async Task<IResult> CreateAsync(HttpContext context, ExportJobManager manager)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var definition = ExportJobRequestReader.Read(body, errors);
        var result = await manager.CreateAsync(definition, errors, context.RequestAborted);
        if (result.Value is not { } view)
        {
            return ApiResults.Invalid(result.Errors!);
        }

        return ApiResults.Created(CreatedLocation(context, view.Job.Id), ExportJobResponse.From(view));
    }

    public static async Task<IResult> ReplaceAsync(string id, HttpContext context, ExportJobManager manager)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var definition = ExportJobRequestReader.Read(body, errors);
        var result = await manager.UpdateAsync(id, definition, errors, context.RequestAborted);
        return result switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Value: { } view } => ApiResults.Json(ExportJobResponse.From(view)),
            _ => ApiResults.Invalid(result.Errors!),
        };
    }

    public static async Task<IResult> DeleteAsync(string id, ExportJobManager manager, CancellationToken cancellationToken) =>
        await manager.DeleteAsync(id, cancellationToken) ? Results.NoContent() : ApiResults.JobNotFound(id);

    public static async Task<IResult> ResumeAsync(string id, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var view = await manager.ResumeAsync(id, cancellationToken);
        return view is null ? ApiResults.JobNotFound(id) : ApiResults.Json(ExportJobResponse.From(view));
    }

    /// <summary>The URL of a resource created by a POST to the current (collection) path.</summary>
    public static string CreatedLocation(HttpContext context, string id) =>
        $"{context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
}
