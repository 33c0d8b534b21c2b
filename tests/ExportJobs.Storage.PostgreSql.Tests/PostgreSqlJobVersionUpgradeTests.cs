using ExportJobs.Extensibility;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>A schema written by the release before job versions (schema version 5) migrates; its jobs are at version 1.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlJobVersionUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task SchemaBeforeVersions_Migrates_JobsAreAtVersion1_AndChangeByCompareAndSwap()
    {
        await CreateSchemaBeforeVersionsAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        var job = await store.GetJobAsync("job-1");
        Assert.Equal(1, job!.Version);
        Assert.Equal(ExportJobWriteOutcome.VersionMismatch, await store.TryUpdateJobAsync(job with { Name = "stale", Version = 3 }, 2));
        Assert.Equal(ExportJobWriteOutcome.Written, await store.TryUpdateJobAsync(job with { Name = "renamed", Version = 2 }, 1));
        var read = await store.GetJobAsync("job-1");
        Assert.Equal(("renamed", 2L), (read!.Name, read.Version));
        Assert.Equal(ExportJobWriteOutcome.VersionMismatch, await store.TryDeleteJobAsync("job-1", 1));
        Assert.Equal(ExportJobWriteOutcome.Written, await store.TryDeleteJobAsync("job-1", 2));
    }

    private async Task CreateSchemaBeforeVersionsAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version <= 5))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Nightly', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '* * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Full', '{T0:o}', '{T0:o}')
            """);

        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
