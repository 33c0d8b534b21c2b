using ExportJobs.Network;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures the outbound address policy (<see cref="OutboundAddressPolicy"/>) in code.</summary>
public static class NetworkExportJobsBuilderExtensions
{
    /// <summary>
    /// Adds to what the <c>ExportJobs:Network</c> configuration section allows, e.g.
    /// <c>.ConfigureNetwork(o => o.Allow.Add("10.20.0.0/16"))</c>. Callbacks accumulate.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="configure">Adds allowlist entries.</param>
    public static IExportJobsBuilder ConfigureNetwork(this IExportJobsBuilder builder, Action<ExportJobsNetworkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
