using ExportJobs.Storage.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgreSqlExportJobsBuilderExtensions
{
    /// <summary>
    /// Keeps jobs, runs and occurrence claims in PostgreSQL, shared by every host pointed at the same database. The
    /// schema is created or migrated when the host starts.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Changes other settings, such as the schema name.</param>
    public static IExportJobsBuilder UsePostgreSql(this IExportJobsBuilder builder, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        PostgreSqlStoreNames.Check(options.Schema, nameof(configure));
        builder.UseStore(_ => new PostgreSqlExportJobStore(options));
        return builder;
    }
}
