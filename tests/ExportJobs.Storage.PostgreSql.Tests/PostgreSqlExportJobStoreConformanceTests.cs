using ExportJobs.Extensibility;
using ExportJobs.Testing.Storage;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>The storage contract on a real PostgreSQL server, each test in a fresh schema that is dropped afterwards.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlExportJobStoreConformanceTests(PostgreSqlFixture server) : ExportJobStoreConformanceTests
{
    private readonly PostgreSqlTestSchema _schema = new(server);

    protected override Task<ExportJobStore> CreateStoreAsync() => Task.FromResult<ExportJobStore>(_schema.NewHost());

    protected override Task DisposeStoreAsync(ExportJobStore store) => _schema.DropAsync();
}
