using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>A schema written by the release before the run lifecycle (versions 1 to 3) keeps opening, with its running runs.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlRunLifecycleUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task SchemaBeforeTheRunLifecycle_Migrates_RunsReadWithDefaults_AndLeasesWork()
    {
        await CreatePreviousReleaseSchemaAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        var finished = await store.GetRunAsync("run-1");
        Assert.NotNull(finished);
        Assert.Equal(("host-a", 0L, false, null, (ExportRunProgress?)null), (finished.Owner, finished.Epoch, finished.Cancelled, finished.CancelledBy, finished.Progress));

        // The running run of a host of the previous release, at epoch 0: it can be cancelled and expires as before.
        var cancelled = await store.RequestRunCancelAsync("run-2", "alice");
        Assert.True(cancelled!.Cancelled);
        var state = Assert.Single(await store.HeartbeatRunsAsync([new ExportRunHeartbeat("run-2", 0, null)], "host-a", T0.AddMinutes(2)));
        Assert.True(state.Held && state.CancelRequested);
        var expired = Assert.Single(await store.FailExpiredRunsAsync(T0.AddMinutes(3), T0.AddMinutes(3), "interrupted"));
        Assert.Equal(("run-2", 1L), (expired.Id, expired.Epoch));
        Assert.False(await store.CompleteRunAsync(finished with { Id = "run-2", Status = ExportRunStatus.Success, Owner = "host-a", Epoch = 0 }));
    }

    private async Task CreatePreviousReleaseSchemaAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version <= 3))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Nightly', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '* * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Full', '{T0:o}', '{T0:o}')
            """);
        sql.Add($"INSERT INTO {schema}.runs (id, job_id, status, started_at, completed_at, trigger, attempt, owner, heartbeat_at) VALUES ('run-1', 'job-1', 'success', '{T0:o}', '{T0.AddSeconds(5):o}', 'Schedule', 1, 'host-a', '{T0:o}')");
        sql.Add($"INSERT INTO {schema}.runs (id, job_id, status, started_at, trigger, attempt, owner, heartbeat_at) VALUES ('run-2', 'job-1', 'running', '{T0.AddMinutes(1):o}', 'Schedule', 1, 'host-a', '{T0.AddMinutes(1):o}')");

        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
