using ExportJobs.Extensibility;
using ExportJobs.Testing.Storage;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>The storage contract on a real PostgreSQL server, each test in a fresh schema that is dropped afterwards.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlExportJobStoreConformanceTests(PostgreSqlFixture server) : ExportJobStoreConformanceTests
{
    private readonly string _schema = PostgreSqlFixture.NewSchema();

    protected override Task<ExportJobStore> CreateStoreAsync() =>
        Task.FromResult<ExportJobStore>(new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString, Schema = _schema }));

    protected override async Task DisposeStoreAsync(ExportJobStore store)
    {
        await ((PostgreSqlExportJobStore)store).DisposeAsync();
        await server.DropSchemaAsync(_schema);
    }
}
