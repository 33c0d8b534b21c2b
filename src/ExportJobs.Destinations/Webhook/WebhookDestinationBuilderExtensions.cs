using ExportJobs.Destinations.Webhook;
using ExportJobs.Network;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>webhook</c> destination.</summary>
public static class WebhookDestinationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>webhook</c> destination. Its settings are <c>url</c> (required, http/https), <c>method</c> (POST or PUT),
    /// <c>headers</c> (an object of extra headers; secret as a whole), <c>secret</c> (signs each request, see
    /// <see cref="WebhookSignature"/>) and <c>timeoutSeconds</c> (per attempt). Requests go through the named
    /// <c>HttpClient</c> "ExportJobs.Webhook", which connects through <see cref="OutboundAddressPolicy"/> (only public
    /// addresses unless <c>ExportJobs:Network</c> allows more), follows no redirects and has none of HttpClientFactory's
    /// request loggers (they write the request URL, whose path or query can carry a token).
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
        if (!builder.Services.Any(d => d.ImplementationType == typeof(WebhookNetworkOptionsSetup)))
        {
            builder.Services.AddSingleton<IPostConfigureOptions<ExportJobsNetworkOptions>, WebhookNetworkOptionsSetup>();
        }

        // No request logging: HttpClientFactory's loggers write the request URL at Information level, and a webhook URL's
        // path or query can carry a token.
        builder.Services.AddHttpClient(WebhookDestination.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<OutboundAddressPolicy>().CreateHttpHandler(WebhookDestination.TypeName))
            .RemoveAllLoggers();
        return builder.AddDestination<WebhookDestination>(WebhookDestination.TypeName);
    }
}
