using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExportJobs.Network;

/// <summary>Registers <see cref="OutboundAddressPolicy"/> and its options; called by <c>AddExportJobs()</c>.</summary>
internal static class NetworkServiceCollectionExtensions
{
    public static void AddOutboundAddressPolicy(this IServiceCollection services)
    {
        var options = services.AddOptions<ExportJobsNetworkOptions>();
        if (!services.Any(d => d.ImplementationType == typeof(ExportJobsNetworkOptionsSetup)))
        {
            options.ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ExportJobsNetworkOptions>, ExportJobsNetworkOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportJobsNetworkOptions>, ExportJobsNetworkOptionsValidator>());
        services.TryAddSingleton<IHostNameResolver, DnsHostNameResolver>();
        services.TryAddSingleton<IOutboundConnector, SocketOutboundConnector>();
        services.TryAddSingleton<ILocalAddressSource, NetworkInterfaceAddressSource>();
        services.TryAddSingleton<OutboundAddressPolicy>();
    }
}
