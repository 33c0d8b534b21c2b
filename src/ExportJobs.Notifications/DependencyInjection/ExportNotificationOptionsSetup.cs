using ExportJobs.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Binds <see cref="ExportNotificationOptions"/> from <c>ExportJobs:Notifications</c>, when the host has configuration; code callbacks run after it.</summary>
internal sealed class ExportNotificationOptionsSetup(IServiceProvider services) : IConfigureOptions<ExportNotificationOptions>
{
    public void Configure(ExportNotificationOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(ExportNotificationOptions.SectionName).Bind(options);
}
