using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Handlers of the job resource: list, create, get, replace, delete.</summary>
internal static class ExportJobEndpoints
{
    /// <summary>
    /// <c>GET /?limit=&amp;after=</c>: with neither parameter every job, oldest first (the seed's list); with either, one
    /// page in id order, as a JSON array of the same jobs; a full page also carries
    /// <c>Link: &lt;…?limit=…&amp;after={last id}&gt;; rel="next"</c>, as the run history does.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext context, ExportJobManager manager, IOptions<ExportJobsOptions> options)
    {
        var query = context.Request.Query;
        if (!query.ContainsKey("limit") && !query.ContainsKey("after"))
        {
            var jobs = await manager.ListAsync(context.RequestAborted);
            return ApiResults.Json(jobs.Select(ExportJobResponse.From).ToList());
        }

        var settings = options.Value;
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, settings.DefaultJobListLimit, settings.MaxJobListLimit, errors);
        var after = PageLink.ReadCursor(context, "after", "'after' must be one job id: the id of the last job of the previous page.", errors);
        var result = await manager.ListAsync(new ExportJobPageRequest { Limit = limit, After = after }, errors, context.RequestAborted);
        if (result.Value is not { } page)
        {
            return ApiResults.Invalid(result.Errors!);
        }

        if (page.Count == limit)
        {
            context.Response.Headers.Link = PageLink.Next(context, limit, "after", page[^1].Job.Id);
        }

        return ApiResults.Json(page.Select(ExportJobResponse.From).ToList());
    }

    public static async Task<IResult> GetAsync(string id, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var view = await manager.GetAsync(id, cancellationToken);
        return view is null ? ApiResults.JobNotFound(id) : ApiResults.Job(view);
    }

    /// <summary>
    /// <c>GET /{id}/overview?limit=</c>: the job, its newest <c>limit</c> runs (the configured default when absent), whether
    /// older runs exist and its next run times, in one answer (a job's page refreshes with one request); <c>ETag</c> as the job's GET.
    /// </summary>
    public static async Task<IResult> OverviewAsync(string id, HttpContext context, ExportJobManager manager, IOptions<ExportJobsOptions> options)
    {
        var settings = options.Value;
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, settings.DefaultRunListLimit, settings.MaxRunListLimit, errors);
        if (!errors.IsValid)
        {
            return ApiResults.Invalid(errors);
        }

        var overview = await manager.GetOverviewAsync(id, limit, context.RequestAborted);
        return overview is null
            ? ApiResults.JobNotFound(id)
            : ApiResults.JobOverview(overview);
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

        return ApiResults.Created(CreatedLocation(context, view.Job.Id), ApiResults.Job(view, StatusCodes.Status201Created));
    }

    /// <remarks>
    /// <c>If-Match</c> makes the replace conditional (412 when the job changed since); without it the last write wins,
    /// made to the job as stored at that moment. A body without <c>active</c> keeps the job's active state.
    /// </remarks>
    public static async Task<IResult> ReplaceAsync(string id, HttpContext context, ExportJobManager manager)
    {
        if (!JobEntityTag.TryReadIfMatch(context.Request, out var expected, out var badHeader))
        {
            return badHeader!;
        }

        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        var definition = ExportJobRequestReader.Read(body, errors);
        var options = new ExportJobUpdateOptions { ExpectedVersion = expected, KeepActive = !body.ContainsKey("active") };
        var result = await manager.UpdateAsync(id, definition, options, errors, context.RequestAborted);
        return Answer(id, result);
    }

    public static async Task<IResult> DeleteAsync(string id, HttpContext context, ExportJobManager manager)
    {
        if (!JobEntityTag.TryReadIfMatch(context.Request, out var expected, out var badHeader))
        {
            return badHeader!;
        }

        if (expected is not { } version)
        {
            return await manager.DeleteAsync(id, context.RequestAborted) ? Results.NoContent() : ApiResults.JobNotFound(id);
        }

        return await manager.TryDeleteAsync(id, version, context.RequestAborted) switch
        {
            { Value: not null } => Results.NoContent(),
            { CurrentVersion: { } current } => ApiResults.VersionMismatch(id, current),
            _ => ApiResults.JobNotFound(id),
        };
    }

    public static async Task<IResult> ResumeAsync(string id, HttpContext context, ExportJobManager manager)
    {
        if (!JobEntityTag.TryReadIfMatch(context.Request, out var expected, out var badHeader))
        {
            return badHeader!;
        }

        return Answer(id, await manager.TryResumeAsync(id, expected, context.RequestAborted));
    }

    /// <summary>The URL of a resource created by a POST to the current (collection) path.</summary>
    public static string CreatedLocation(HttpContext context, string id) =>
        $"{context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/')}/{Uri.EscapeDataString(id)}";

    /// <summary>The answer to a job change: 404, 412 with the current ETag, 400, or the job with its new ETag.</summary>
    public static IResult Answer(string id, ExportResult<ExportJobView> result) => result switch
    {
        { NotFound: true } => ApiResults.JobNotFound(id),
        { CurrentVersion: { } current } => ApiResults.VersionMismatch(id, current),
        { Value: { } view } => ApiResults.Job(view),
        _ => ApiResults.Invalid(result.Errors!),
    };
}
