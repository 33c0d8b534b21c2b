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

    public static IResult Accepted(string location, object value) =>
        new LocationResult(location, Json(value, StatusCodes.Status202Accepted));

    public static IResult Invalid(ValidationErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "The request is invalid.", detail: "See 'errors' for every field that must be corrected.");

    public static IResult JobNotFound(string jobId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Export job not found.", detail: $"No export job has the id '{jobId}'.");

    public static IResult RunNotFound(string jobId, string runId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found.", detail: $"Export job '{jobId}' has no run with the id '{runId}'.");

    private sealed class LocationResult(string location, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
