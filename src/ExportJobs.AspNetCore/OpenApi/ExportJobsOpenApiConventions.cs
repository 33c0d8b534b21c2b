using System.Text.Json.Nodes;
using ExportJobs.AspNetCore.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace ExportJobs.AspNetCore.OpenApi;

/// <summary>The OpenAPI descriptions of the endpoints: bodies, responses, problem details, examples.</summary>
/// <remarks>
/// The handlers return <see cref="IResult"/> and read bodies by hand (to report every field error at once), so nothing
/// can be inferred: each endpoint declares what it accepts and produces here.
/// </remarks>
internal static class ExportJobsOpenApiConventions
{
    private const string Json = "application/json";

    public static RouteHandlerBuilder AcceptsJob(this RouteHandlerBuilder builder) =>
        builder.Accepts<ExportJobRequest>(Json).WithRequestExample(ExportJobsOpenApiExamples.JobRequest)
            .ProducesBodyProblems();

    public static RouteHandlerBuilder AcceptsRunReport(this RouteHandlerBuilder builder) =>
        builder.Accepts<ExportRunReportRequest>(Json).WithRequestExample(ExportJobsOpenApiExamples.RunReport)
            .ProducesBodyProblems();

    public static RouteHandlerBuilder AcceptsRunCompletion(this RouteHandlerBuilder builder) =>
        builder.Accepts<ExportRunCompletionRequest>(Json).WithRequestExample(ExportJobsOpenApiExamples.RunCompletion)
            .ProducesBodyProblems();

    public static RouteHandlerBuilder AcceptsSchedulePreview(this RouteHandlerBuilder builder) =>
        builder.Accepts<ExportSchedulePreviewRequest>(Json).WithRequestExample(ExportJobsOpenApiExamples.SchedulePreview)
            .ProducesBodyProblems();

    /// <summary>What reading a JSON body can answer: 400 (invalid), 413 (too large), 415 (not JSON).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder ProducesJob(this RouteHandlerBuilder builder, int statusCode = StatusCodes.Status200OK) =>
        builder.Produces<ExportJobResponse>(statusCode, Json).WithResponseExample(statusCode, ExportJobsOpenApiExamples.Job)
            .WithResponseHeader(statusCode, "ETag", "The job's version as a strong entity tag (\"3\"); send it back in If-Match to change the job only if nobody changed it since.");

    /// <summary>The optional <c>If-Match</c> header and its 412 answer.</summary>
    public static RouteHandlerBuilder AcceptsIfMatch(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The job's ETag as last read (\"3\"), or *. The change is made only if the job is still at that version, else 412 and nothing changes. Without it the last write wins (made to the job as stored at that moment).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                var key = StatusCodes.Status412PreconditionFailed.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses is { } responses && responses.TryGetValue(key, out var response) && response is OpenApiResponse concrete)
                {
                    concrete.Description = "The job was changed since the version in If-Match; the response's ETag is its current version.";
                }

                return Task.CompletedTask;
            });

    internal static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int statusCode, string name, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var key = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses is { } responses && responses.TryGetValue(key, out var response) && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder ProducesRun(this RouteHandlerBuilder builder, int statusCode = StatusCodes.Status200OK) =>
        builder.Produces<Model.ExportRun>(statusCode, Json).WithResponseExample(statusCode, ExportJobsOpenApiExamples.Run);

    public static RouteHandlerBuilder ProducesNotFound(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound);

    public static RouteHandlerBuilder WithIntegerQuery(this RouteHandlerBuilder builder, string name, string description, int minimum, int maximum) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            });
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithBooleanQuery(this RouteHandlerBuilder builder, string name, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            });
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithStringQuery(this RouteHandlerBuilder builder, string name, string description, IReadOnlyList<string>? values = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            var schema = new OpenApiSchema { Type = JsonSchemaType.String };
            if (values is not null)
            {
                schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Required = false,
                Description = description,
                Schema = schema,
            });
            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, Func<JsonNode> example) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue(Json, out var media))
            {
                media.Example = example();
            }

            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder WithResponseExample(this RouteHandlerBuilder builder, int statusCode, Func<JsonNode> example) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var key = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses is { } responses && responses.TryGetValue(key, out var response)
                && response.Content is { } content && content.TryGetValue(Json, out var media))
            {
                media.Example = example();
            }

            return Task.CompletedTask;
        });
}
