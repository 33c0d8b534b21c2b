using ExportJobs.Extensibility;
using Microsoft.Extensions.Hosting;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>Migrates the PostgreSQL schema when the host starts, so a wrong connection string or a failed migration stops the start.</summary>
internal sealed class PostgreSqlSchemaInitializer(ExportJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store is PostgreSqlExportJobStore postgres ? postgres.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
