using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.Storage.LiteDb;

/// <summary>Binds <see cref="LiteDbStoreOptions"/> from the <c>ExportJobs:LiteDb</c> section, when the host has configuration.</summary>
/// <remarks>Runs before the callback given to <c>UseLiteDb(..., o => ...)</c>, so code wins over configuration.</remarks>
internal sealed class LiteDbStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<LiteDbStoreOptions>
{
    public void Configure(LiteDbStoreOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(LiteDbStoreOptions.SectionName).Bind(options);
}
