using ExportJobs.Destinations.Webhook;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>webhook</c> destination.</summary>
public static class WebhookDestinationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>webhook</c> destination. Its settings are <c>url</c> (required, http/https), <c>method</c> (POST or PUT),
    /// <c>headers</c> (an object of extra headers; secret as a whole), <c>secret</c> (signs each request, see
    /// <see cref="WebhookSignature"/>) and <c>timeoutSeconds</c> (per attempt). Requests go through the named
    /// <c>HttpClient</c> "ExportJobs.Webhook", which connects only to public addresses unless
    /// <see cref="WebhookDestinationOptions.AllowPrivateNetworks"/> is set, and follows no redirects.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="configure">Sets host-wide options.</param>
    public static IExportJobsBuilder AddWebhookDestination(this IExportJobsBuilder builder, Action<WebhookDestinationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<WebhookDestinationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<WebhookAddressGuard>();
        builder.Services.AddHttpClient(WebhookDestination.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                ConnectCallback = services.GetRequiredService<WebhookAddressGuard>().ConnectAsync,
            });
        return builder.AddDestination<WebhookDestination>(WebhookDestination.TypeName);
    }
}
