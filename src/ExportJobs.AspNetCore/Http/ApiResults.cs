using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Http;

/// <summary>The API's responses: JSON bodies with its own serializer settings and RFC 9457 problem details.</summary>
internal static class ApiResults
{
    public static IResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, ExportJobsJson.Options, statusCode: statusCode);

    public static IResult Created(string location, object value) =>
        new LocationResult(location, Json(value, StatusCodes.Status201Created));

    public static IResult Created(string location, IResult inner) => new LocationResult(location, inner);

    public static IResult Accepted(string location, object value) =>
        new LocationResult(location, Json(value, StatusCodes.Status202Accepted));

    public static IResult Invalid(ValidationErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "The request is invalid.", detail: "See 'errors' for every field that must be corrected.");

    /// <summary>A job with its version as the <c>ETag</c>.</summary>
    public static IResult Job(Management.ExportJobView view, int statusCode = StatusCodes.Status200OK) =>
        new HeaderResult("ETag", JobEntityTag.For(view.Job.Version), Json(Contracts.ExportJobResponse.From(view), statusCode));

    /// <summary>200 with a job's overview, and the job's version as <c>ETag</c> (as the job's own GET).</summary>
    public static IResult JobOverview(Management.ExportJobOverview overview) =>
        new HeaderResult("ETag", JobEntityTag.For(overview.Job.Job.Version), Json(Contracts.ExportJobOverviewResponse.From(overview)));

    /// <summary>412: the job is no longer at the version sent in <c>If-Match</c>; its current <c>ETag</c> is in the response.</summary>
    public static IResult VersionMismatch(string jobId, long currentVersion) =>
        new HeaderResult("ETag", JobEntityTag.For(currentVersion), Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The export job has changed.",
            detail: $"Export job '{jobId}' was changed since the version in If-Match was read; it is now at version {currentVersion} (ETag {JobEntityTag.For(currentVersion)}). Nothing was changed: GET the job again, reapply your change and send its new ETag."));

    /// <summary>503: this host cannot do the operation at all (for example: it has no record source).</summary>
    public static IResult Unavailable(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This host cannot read records.", detail: reason);

    public static IResult JobNotFound(string jobId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Export job not found.", detail: $"No export job has the id '{jobId}'.");

    public static IResult RunNotFound(string jobId, string runId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found.", detail: $"Export job '{jobId}' has no run with the id '{runId}'.");

    private sealed class HeaderResult(string name, string value, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class LocationResult(string location, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
