using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>A schema written by the release before the notification outbox (versions 1 to 6) migrates, and its running run completes with messages.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlOutboxUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task SchemaBeforeTheOutbox_Migrates_AndItsRunningRunCompletesWithMessages()
    {
        await CreatePreviousReleaseSchemaAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        Assert.Empty(await store.ClaimOutboxMessagesAsync("host-a", T0, T0.AddMinutes(1), 10));
        var running = await store.GetRunAsync("run-1");
        Assert.NotNull(running);
        var message = new ExportOutboxMessage { Id = "evt-1", JobId = "job-1", RunId = "run-1", EventType = "failed", Payload = "{}", CreatedAt = T0.AddMinutes(1) };
        Assert.True(await store.CompleteRunAsync(running with { Status = ExportRunStatus.Failed, CompletedAt = T0.AddMinutes(1), Error = "Access denied." }, [message]));
        Assert.Equal(ExportRunStatus.Failed, (await store.GetRunAsync("run-1"))!.Status);
        Assert.Equal("evt-1", Assert.Single(await store.ClaimOutboxMessagesAsync("host-a", T0.AddMinutes(2), T0.AddMinutes(3), 10)).Id);
    }

    private async Task CreatePreviousReleaseSchemaAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version <= 6))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Nightly', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '* * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Full', '{T0:o}', '{T0:o}')
            """);
        sql.Add($"INSERT INTO {schema}.runs (id, job_id, status, started_at, trigger, attempt, owner, heartbeat_at, epoch) VALUES ('run-1', 'job-1', 'running', '{T0:o}', 'Schedule', 1, 'host-a', '{T0:o}', 1)");

        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
