using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.Http;

/// <summary>Reads a request body as a JSON object within the API's size limit, turning every failure into a 400, 413 or 415 problem.</summary>
/// <remarks>
/// <para>
/// A body sent with a Content-Type other than JSON (<c>application/json</c> or <c>*/*+json</c>) is a 415. This is what
/// keeps a cookie-authenticated API safe from cross-site request forgery: a page on another site can send
/// <c>text/plain</c>, form or multipart bodies without asking, but a JSON body only after a CORS preflight the host
/// controls. A body without a Content-Type is a 415 too (a page can send one with a binary body).
/// </para>
/// <para>
/// Beyond syntax, a body is rejected when an object names a property twice (which value would count is anyone's guess)
/// or a string is not valid Unicode (a lone surrogate escape such as <c>"\ud800"</c>, or bytes that are not UTF-8).
/// <see cref="JsonNode"/> finds both only when a value is first read, deep in an endpoint, so the whole body is
/// checked here once; bodies are at most <see cref="ExportJobsApiOptions.MaxRequestBodyBytes"/>.
/// </para>
/// </remarks>
internal static class JsonBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (string.IsNullOrEmpty(request.ContentType) ? hasBody : !request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body must be JSON.",
                detail: "Send it with 'Content-Type: application/json'."));
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<ExportJobsApiOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
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
            await using var limited = new LimitedReadStream(request.Body, limit);
            node = await JsonNode.ParseAsync(limited, documentOptions: DocumentOptions, cancellationToken: context.RequestAborted);
            CheckStrings(node);
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
            return (null, NotJson(ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            return (null, NotJson($"The body contains text that is not valid Unicode: {ex.Message}"));
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

    /// <summary>Reads every property name and string once, so that invalid text throws here rather than in an endpoint.</summary>
    private static void CheckStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CheckStrings(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CheckStrings(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    private static IResult NotJson(string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request body is not valid JSON.",
        detail: detail);

    private static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"Request bodies are limited to {limit} bytes.");
}
