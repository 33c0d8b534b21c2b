using ExportJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Binds <see cref="ExportJobsOptions"/> from the host's <c>ExportJobs</c> configuration section, when the host has configuration.</summary>
/// <remarks>Runs before the callbacks given to <c>AddExportJobs(o => ...)</c>, so code wins over configuration.</remarks>
internal sealed class ExportJobsOptionsSetup(IServiceProvider services) : IConfigureOptions<ExportJobsOptions>
{
    public void Configure(ExportJobsOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(ExportJobsOptions.SectionName).Bind(options);
}
