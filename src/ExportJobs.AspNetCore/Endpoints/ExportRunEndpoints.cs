using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handlers of a job's run history.</summary>
internal static class ExportRunEndpoints
{
    /// <summary>
    /// <c>GET /{id}/runs?limit=&amp;before=&amp;status=</c>: one page, newest first, as a JSON array (as before paging existed);
    /// a full page also carries <c>Link: &lt;…?before={last id}…&gt;; rel="next"</c>.
    /// </summary>
    public static async Task<IResult> ListAsync(string id, HttpContext context, ExportJobManager manager, IOptions<ExportJobsOptions> options)
    {
        var settings = options.Value;
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, settings.DefaultRunListLimit, settings.MaxRunListLimit, errors);
        var before = RunPageQuery.ReadBefore(context, errors);
        var status = RunPageQuery.ReadStatus(context, errors);
        var page = new ExportRunPageRequest { Limit = limit, Before = before, Status = status };
        var result = await manager.ListRunsAsync(id, page, errors, context.RequestAborted);
        switch (result)
        {
            case { NotFound: true }:
                return ApiResults.JobNotFound(id);
            case { Value: { } runs }:
                if (runs.Count == limit)
                {
                    context.Response.Headers.Link = RunPageQuery.NextLink(context, page with { Before = runs[^1].Id });
                }

                return ApiResults.Json(runs);
            default:
                return ApiResults.Invalid(result.Errors!);
        }
    }

    public static async Task<IResult> GetAsync(string id, string runId, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var run = await manager.GetRunAsync(id, runId, cancellationToken);
        return run is null ? ApiResults.RunNotFound(id, runId) : ApiResults.Json(run);
    }

    public static async Task<IResult> RecordAsync(string id, HttpContext context, ExportJobManager manager, TimeProvider time)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var report = ExportRunRequestReader.Read(body, errors, time.GetUtcNow());
        var result = await manager.RecordRunAsync(id, report, errors, context.RequestAborted);
        return result switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Value: { } run } => ApiResults.Created(ExportJobEndpoints.CreatedLocation(context, run.Id), run),
            _ => ApiResults.Invalid(result.Errors!),
        };
    }

    public static async Task<IResult> CompleteAsync(string id, string runId, HttpContext context, ExportJobManager manager)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var completion = ExportRunRequestReader.ReadCompletion(body, errors);
        var result = await manager.CompleteExternalRunAsync(id, runId, completion, errors, context.RequestAborted);
        return result switch
        {
            { NotFound: true } => ApiResults.RunNotFound(id, runId),
            { Conflict: { } reason } => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run cannot be changed.", detail: reason),
            { Value: { } run } => ApiResults.Json(run),
            _ => ApiResults.Invalid(result.Errors!),
        };
    }
}
