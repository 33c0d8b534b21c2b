using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Http;

/// <summary>Reads a request body as a JSON object within the API's size limit, turning every failure into a 400 or 413 problem.</summary>
internal static class JsonBodyReader
{
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ExportJobsApiOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize > limit))
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        JsonNode? node;
        try
        {
            await using var limited = new LimitedReadStream(context.Request.Body, limit);
            node = await JsonNode.ParseAsync(limited, cancellationToken: context.RequestAborted);
        }
        catch (RequestBodyTooLargeException)
        {
            return (null, TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request body is not valid JSON.",
                detail: ex.Message));
        }

        if (node is not JsonObject body)
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request body must be a JSON object.",
                detail: node is null ? "The body is empty or null." : $"The body is a JSON {node.GetValueKind().ToString().ToLowerInvariant()}."));
        }

        return (body, null);
    }

    private static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"Request bodies are limited to {limit} bytes.");
}
