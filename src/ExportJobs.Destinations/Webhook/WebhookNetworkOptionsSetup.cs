using ExportJobs.Network;
using Microsoft.Extensions.Options;

namespace ExportJobs.Destinations.Webhook;

/// <summary>Keeps the obsolete <see cref="WebhookDestinationOptions.AllowPrivateNetworks"/> working: it allows every address for webhooks.</summary>
internal sealed class WebhookNetworkOptionsSetup(IOptions<WebhookDestinationOptions> webhook) : IPostConfigureOptions<ExportJobsNetworkOptions>
{
    public void PostConfigure(string? name, ExportJobsNetworkOptions options)
    {
#pragma warning disable CS0618 // The obsolete switch is read here only, to keep hosts that set it working.
        if (!webhook.Value.AllowPrivateNetworks)
#pragma warning restore CS0618
        {
            return;
        }

        if (!options.Destinations.TryGetValue(WebhookDestination.TypeName, out var typeOptions))
        {
            options.Destinations[WebhookDestination.TypeName] = typeOptions = new ExportJobsNetworkTypeOptions();
        }

        typeOptions.Allow.Add("0.0.0.0/0");
        typeOptions.Allow.Add("::/0");
    }
}
