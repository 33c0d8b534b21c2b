using System.Net;
using ExportJobs.Network;

namespace ExportJobs.Notifications.Channels;

/// <summary>Sends a request of the webhook or slack channel and turns every failure into a <see cref="NotificationDeliveryException"/> (408, 429 and 5xx retryable).</summary>
internal static class HttpNotificationPost
{
    public const string HttpClientName = "ExportJobs.Notifications";

    /// <summary>The connection type of the outbound address policy: <c>ExportJobs:Network:Destinations:notifications:Allow</c>.</summary>
    public const string ConnectionType = "notifications";

    public static async Task SendAsync(HttpClient client, HttpRequestMessage request, string target, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (OutboundConnectionRefusedException.Find(ex) is { } refused)
        {
            throw new NotificationDeliveryException(refused.Message, retryable: false, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationDeliveryException($"Could not reach {target}: {ex.HttpRequestError}", retryable: true, inner: ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = response.StatusCode;
            var retryable = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
            var retryAfter = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - response.Headers.Date);
            throw new NotificationDeliveryException(
                $"{target} answered {(int)status} {response.ReasonPhrase}" + (retryable ? string.Empty : "; not retried (only 408, 429 and 5xx are)"),
                retryable,
                retryAfter);
        }
    }
}
