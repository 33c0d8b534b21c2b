using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.Network;

/// <summary>Binds <see cref="ExportJobsNetworkOptions"/> from <c>ExportJobs:Network</c>, when the host has configuration.</summary>
/// <remarks>Runs before the callbacks given to <c>ConfigureNetwork(o => ...)</c>, so code adds to what configuration allows.</remarks>
internal sealed class ExportJobsNetworkOptionsSetup(IServiceProvider services) : IConfigureOptions<ExportJobsNetworkOptions>
{
    public void Configure(ExportJobsNetworkOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(ExportJobsNetworkOptions.SectionName).Bind(options);
}
