namespace ExportJobs.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL store.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The schema that holds the store's tables, created when missing; <c>exportjobs</c> by default. Lower-case
    /// letters, digits and underscores, starting with a letter or underscore.
    /// </summary>
    public string Schema { get; set; } = "exportjobs";

    /// <summary>
    /// How often each host polls the job change counter to pick up changes made on other hosts; 1 second by default,
    /// between 100 milliseconds and 1 minute. A change takes effect on the other hosts within about this long.
    /// </summary>
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
