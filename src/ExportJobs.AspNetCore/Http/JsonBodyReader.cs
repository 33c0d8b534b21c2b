using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// <para>
/// A body the server stops reading (Kestrel's <c>MinRequestBodyDataRate</c> cut a slow client off, a malformed chunk,
/// the client went away mid-body) is the client's doing, not a server fault: it is answered with the server's status
/// (408 for a slow client, 400 otherwise) and logged as one line without a stack trace, at information level for a
/// rejected body and at debug level for a vanished client, so that slow clients cannot flood the log.
/// </para>
/// </remarks>
internal static partial class JsonBodyReader
{
    /// <summary>The log category of request bodies the server could not read.</summary>
    public const string LogCategory = "ExportJobs.AspNetCore.RequestBody";

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
        catch (BadHttpRequestException ex)
        {
            LogBodyRejected(Logger(context), request.Method, request.Path.Value ?? string.Empty, ex.StatusCode, ex.Message);
            return (null, Results.Problem(
                statusCode: ex.StatusCode,
                title: ex.StatusCode == StatusCodes.Status408RequestTimeout ? "The request body arrived too slowly." : "The request body could not be read.",
                detail: ex.Message));
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            LogBodyLost(Logger(context), request.Method, request.Path.Value ?? string.Empty, ex.GetType().Name, ex.Message);
            return (null, Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request body could not be read.",
                detail: "The connection ended before the whole body arrived."));
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

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the request body was rejected with {StatusCode}: {Reason}")]
    private static partial void LogBodyRejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the request body could not be read ({ExceptionType}: {Reason}); the client went away.")]
    private static partial void LogBodyLost(ILogger logger, string method, string path, string exceptionType, string reason);

    private static IResult NotJson(string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request body is not valid JSON.",
        detail: detail);

    private static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"Request bodies are limited to {limit} bytes.");
}
