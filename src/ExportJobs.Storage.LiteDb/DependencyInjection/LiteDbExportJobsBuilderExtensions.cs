using ExportJobs.Storage.LiteDb;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LiteDB store.</summary>
public static class LiteDbExportJobsBuilderExtensions
{
    /// <summary>Keeps jobs and runs in a LiteDB file.</summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="connectionString">A LiteDB connection string (<c>Filename=exportjobs.db</c>) or a file path.</param>
    public static IExportJobsBuilder UseLiteDb(this IExportJobsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(_ => new LiteDbExportJobStore(connectionString));
    }
}
