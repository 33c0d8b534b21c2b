using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Network;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Destinations.Webhook;

/// <summary>Sends export files as the body of an HTTP request (<c>"destinationType": "webhook"</c>).</summary>
/// <remarks>
/// The body is streamed from the spool file for every attempt. Attempts that end in 408, 429, 5xx, a connection error or
/// the timeout are retried with exponential backoff and full jitter (honouring <c>Retry-After</c> up to
/// <see cref="WebhookDestinationOptions.MaxRetryDelay"/>), through a Polly pipeline (<see cref="WebhookRetryPipeline"/>);
/// other statuses fail at once. See <see cref="WebhookHeaders"/>.
/// A delivery is published when the receiver has the whole body (its length is in <c>Content-Length</c> and the
/// signature covers all of it), so ownership and cancellation are checked right before the last bytes of every attempt
/// (<see cref="WebhookBodyStream"/>): a run cancelled while its body is on the way cuts the request short, and the
/// receiver never gets a complete request of it.
/// <para>
/// It does not stream (destination contract v2, <see cref="IExportDestination.SupportsStreaming"/> stays
/// <see langword="false"/>): a retry must send the whole body again from its first byte, with its
/// <c>Content-Length</c> and its signature over all of it in the headers, which are only known once the file is
/// finished. So the webhook gets the finished spool file, as before.
/// </para>
/// </remarks>
internal sealed partial class WebhookDestination(
    IHttpClientFactory clients,
    IOptionsMonitor<WebhookDestinationOptions> options,
    OutboundAddressPolicy network,
    TimeProvider time,
    ILogger<WebhookDestination> logger) : IExportDestination
{
    public const string TypeName = "webhook";
    internal const string HttpClientName = "ExportJobs.Webhook";

    public IReadOnlyCollection<string> SecretSettings => WebhookDestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["url"];

    public JsonObject? SettingsSchema => WebhookDestinationSettingsSchema.Schema;

    public void Validate(JsonObject config, ValidationErrors errors) => WebhookDestinationSettingsValidator.Read(config, network, errors);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        var host = options.CurrentValue;
        var client = clients.CreateClient(HttpClientName);
        var timeout = settings.Timeout ?? host.DefaultTimeout;
        var attempts = Math.Clamp(host.MaxAttempts, 1, 10);
        var attempt = 0;
        var pipeline = WebhookRetryPipeline.Create(attempts, host, time, args =>
        {
            LogRetrying(delivery.RunId, args.Outcome.Exception?.Message ?? "failed", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
            return ValueTask.CompletedTask;
        });
        try
        {
            return await pipeline.ExecuteAsync(
                async token => await AttemptAsync(client, settings, delivery, ++attempt, timeout, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (WebhookAttemptFailedException ex)
        {
            throw new ExportDeliveryException($"{ex.Message}; gave up after {attempt} attempt(s).");
        }
    }

    /// <summary>One attempt: the result, or <see cref="WebhookAttemptFailedException"/> when another attempt may succeed, or <see cref="ExportDeliveryException"/> when none can.</summary>
    private async Task<DeliveryResult> AttemptAsync(HttpClient client, WebhookDestinationSettings settings, ExportDelivery delivery, int attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        try
        {
            // The publish step is the end of the body: it checks ownership and cancellation right before the last bytes.
            using var request = await CreateRequestAsync(settings, delivery, attempt, cancellationToken, linked.Token).ConfigureAwait(false);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(delivery.RunId, settings.SafeUrl, (int)response.StatusCode, attempt);
                return new DeliveryResult(settings.SafeUrl);
            }

            var failure = $"{settings.SafeUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            if (!IsRetryable(response.StatusCode))
            {
                throw new ExportDeliveryException($"{failure}; not retried (only 408, 429 and 5xx are).");
            }

            throw new WebhookAttemptFailedException(failure, RetryAfter(response));
        }
        catch (HttpRequestException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled (or lost to another host) while the body was on its way: the request was cut short.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (HttpRequestException ex) when (OutboundConnectionRefusedException.Find(ex) is { } rejection)
        {
            throw new ExportDeliveryException(rejection.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookAttemptFailedException($"Could not deliver to {settings.SafeUrl}: {ex.HttpRequestError} ({ex.InnerException?.Message ?? ex.Message})", retryAfter: null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookAttemptFailedException($"{settings.SafeUrl} did not answer within {timeout.TotalSeconds:0.#} s", retryAfter: null);
        }
    }

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        WebhookConnectionTest.RunAsync(clients.CreateClient(HttpClientName), ReadOrThrow(config), options.CurrentValue, cancellationToken);

    internal static TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter, WebhookDestinationOptions host)
    {
        var ceiling = Math.Min(host.MaxRetryDelay.TotalMilliseconds, host.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var jittered = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return retryAfter is { } wanted ? TimeSpan.FromMilliseconds(Math.Min(wanted.TotalMilliseconds, host.MaxRetryDelay.TotalMilliseconds)) : jittered;
    }

    private async Task<HttpRequestMessage> CreateRequestAsync(WebhookDestinationSettings settings, ExportDelivery delivery, int attempt, CancellationToken runToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(settings.Method, settings.Url) { Version = HttpVersion.Version11 };
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookHeaders.JobId, delivery.Job.Id);
        request.Headers.Add(WebhookHeaders.RunId, delivery.RunId);
        request.Headers.Add(WebhookHeaders.IdempotencyKey, delivery.IdempotencyKey);
        request.Headers.Add(WebhookHeaders.FileName, Uri.EscapeDataString(delivery.FileName));
        request.Headers.Add(WebhookHeaders.Checksum, delivery.Sha256);
        request.Headers.Add(WebhookHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        if (settings.Secret is not null)
        {
            await using var signed = delivery.OpenRead();
            request.Headers.Add(WebhookHeaders.Signature, await WebhookSignature.ComputeAsync(settings.Secret, timestamp, signed, cancellationToken).ConfigureAwait(false));
        }

        var content = new StreamContent(new WebhookBodyStream(delivery.OpenRead(), delivery.Length, delivery, runToken), 81920);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(delivery.ContentType);
        content.Headers.ContentLength = delivery.Length;
        if (delivery.ContentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(delivery.ContentEncoding);
        }

        request.Content = content;
        return request;
    }

    private WebhookDestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => WebhookDestinationSettingsValidator.Read(config, network, errors));

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - response.Headers.Date);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered to {DestinationPath} ({StatusCode}) on attempt {Attempt}.")]
    private partial void LogDelivered(string runId, string destinationPath, int statusCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Failure} on attempt {Attempt}; retrying in {DelayMs:0} ms.")]
    private partial void LogRetrying(string runId, string failure, int attempt, double delayMs);
}
