namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>
/// A schema of one test's own and the stores ("hosts") it opens on it; <see cref="DropAsync"/> closes the stores and
/// drops the schema.
/// </summary>
public sealed class PostgreSqlTestSchema(PostgreSqlFixture server)
{
    private readonly List<PostgreSqlExportJobStore> _stores = [];

    /// <summary>The schema's name.</summary>
    public string Name { get; } = PostgreSqlFixture.NewSchema();

    /// <summary>A new store on the schema, as another host would open it.</summary>
    public PostgreSqlExportJobStore NewHost(TimeSpan? pollInterval = null)
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString, Schema = Name };
        if (pollInterval is { } interval)
        {
            options.ChangePollInterval = interval;
        }

        var store = new PostgreSqlExportJobStore(options);
        _stores.Add(store);
        return store;
    }

    /// <summary>Closes every store opened by <see cref="NewHost"/> and drops the schema with everything in it.</summary>
    public async Task DropAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await server.DropSchemaAsync(Name);
    }
}
