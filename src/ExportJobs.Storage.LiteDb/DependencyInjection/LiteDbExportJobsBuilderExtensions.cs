using ExportJobs.Storage.LiteDb;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LiteDB store.</summary>
public static class LiteDbExportJobsBuilderExtensions
{
    /// <summary>
    /// Keeps jobs and runs in a LiteDB file that belongs to this process. Settings bind from the <c>ExportJobs:LiteDb</c>
    /// configuration section, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="connectionString">A LiteDB connection string (<c>Filename=exportjobs.db</c>) or a file path.</param>
    /// <param name="configure">Changes settings in code, such as <see cref="LiteDbStoreOptions.LockTimeout"/>.</param>
    /// <remarks>
    /// The store opens the file when it is first resolved (at the latest when the host starts) and waits up to
    /// <see cref="LiteDbStoreOptions.LockTimeout"/> for another process that has it open; the host's start fails after that.
    /// </remarks>
    public static IExportJobsBuilder UseLiteDb(this IExportJobsBuilder builder, string connectionString, Action<LiteDbStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = builder.Services.AddOptions<LiteDbStoreOptions>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LiteDbStoreOptions>, LiteDbStoreOptionsSetup>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiteDbStoreOptions>, LiteDbStoreOptionsValidator>());
        options.ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.UseStore(sp => new LiteDbExportJobStore(
            connectionString,
            sp.GetRequiredService<IOptions<LiteDbStoreOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
