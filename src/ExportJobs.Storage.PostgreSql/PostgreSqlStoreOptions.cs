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
}
