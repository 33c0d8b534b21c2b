using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Destinations;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Preview;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>Previews of a stored job or of an unsaved job body: first rows, file name, next run times. Writes nothing.</summary>
internal static class ExportPreviewEndpoints
{
    public const int DefaultLimit = 20;

    public static async Task<IResult> PreviewStoredAsync(string id, HttpContext context, ExportJobStore store, ExportPreviewer previewer, ExportComponentRegistry<IExportDestination> destinations)
    {
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, DefaultLimit, ExportPreviewer.MaxLimit, errors);
        if (!errors.IsValid)
        {
            return ApiResults.Invalid(errors);
        }

        var job = await store.GetJobAsync(id, context.RequestAborted);
        return job is null ? ApiResults.JobNotFound(id) : await PreviewAsync(job, limit, previewer, destinations, context.RequestAborted);
    }

    public static async Task<IResult> PreviewUnsavedAsync(HttpContext context, ExportJobValidator validator, ExportPreviewer previewer, ExportComponentRegistry<IExportDestination> destinations)
    {
        var errors = new ValidationErrors();
        var limit = QueryLimit.Read(context, DefaultLimit, ExportPreviewer.MaxLimit, errors);
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var definition = ExportJobRequestReader.Read(body, errors);
        validator.Validate(definition, errors);
        if (!errors.IsValid)
        {
            return ApiResults.Invalid(errors);
        }

        return await PreviewAsync(new ExportJob("preview", definition), limit, previewer, destinations, context.RequestAborted);
    }

    private static async Task<IResult> PreviewAsync(ExportJob job, int limit, ExportPreviewer previewer, ExportComponentRegistry<IExportDestination> destinations, CancellationToken cancellationToken)
    {
        try
        {
            return ApiResults.Json(await previewer.PreviewAsync(job, limit, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The preview could not read records.",
                detail: $"The record source failed ({ex.GetType().Name}): {DestinationSecrets.Scrub(ex.Message, job.DestinationConfig, destinations.Find(job.DestinationType)?.SecretSettings ?? [])}");
        }
    }
}
