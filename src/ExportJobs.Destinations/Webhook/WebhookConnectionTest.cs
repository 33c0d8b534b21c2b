using ExportJobs.Extensibility;
using ExportJobs.Network;

namespace ExportJobs.Destinations.Webhook;

/// <summary>Sends a bodyless <c>HEAD</c> request: any HTTP answer shows the receiver is reachable; no data is delivered.</summary>
internal static class WebhookConnectionTest
{
    public static async Task<DestinationTestResult> RunAsync(HttpClient client, WebhookDestinationSettings settings, WebhookDestinationOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout ?? options.DefaultTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Head, settings.Url);
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new DestinationTestResult([status is 401 or 403
                ? DestinationCheck.Failed("reach", $"{settings.SafeUrl} is reachable but answered {status}: check the credentials in 'headers'.")
                : DestinationCheck.Passed("reach", $"{settings.SafeUrl} is reachable (HEAD answered {status}). Deliveries are sent as {settings.Method}.")]);
        }
        catch (HttpRequestException ex)
        {
            var reason = OutboundConnectionRefusedException.Find(ex) is { } rejected ? rejected.Message : $"Could not connect to {settings.SafeUrl} ({ex.HttpRequestError}).";
            return new DestinationTestResult([DestinationCheck.Failed("reach", reason)]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DestinationTestResult([DestinationCheck.Failed("reach", $"{settings.SafeUrl} did not answer in time.")]);
        }
    }
}
