using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>A schema written by the previous release (versions 1 and 2, before retention) keeps opening and is pruned.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task SchemaOfThePreviousRelease_Migrates_JobsHaveNoRetentionAndArePruned()
    {
        await CreatePreviousReleaseSchemaAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        var job = await store.GetJobAsync("job-1");
        Assert.NotNull(job);
        Assert.Equal("Nightly", job.Name);
        Assert.Null(job.Retention);
        Assert.Equal(3, await store.PruneRunsAsync("job-1", new ExportRunPruning(2, null), 100));
        Assert.Equal(["run-4", "run-3"], (await store.ListRunsAsync("job-1", 10)).Select(r => r.Id));
        Assert.Equal(4, await store.PruneClaimsAsync(T0.AddMinutes(10), 100));
        Assert.Equal(T0.AddMinutes(4), await store.GetLastClaimedOccurrenceAsync("job-1"));

        await store.UpdateJobAsync(job with { Retention = new ExportRetention { MaxRuns = 5 } });
        Assert.Equal(new ExportRetention { MaxRuns = 5 }, (await store.GetJobAsync("job-1"))?.Retention);
    }

    private async Task CreatePreviousReleaseSchemaAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version <= 2))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Nightly', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '* * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Full', '{T0:o}', '{T0:o}')
            """);
        for (var i = 0; i < 5; i++)
        {
            sql.Add($"INSERT INTO {schema}.runs (id, job_id, status, started_at, completed_at, trigger, attempt) VALUES ('run-{i}', 'job-1', 'success', '{T0.AddMinutes(i):o}', '{T0.AddMinutes(i):o}', 'Schedule', 1)");
            sql.Add($"INSERT INTO {schema}.claims (job_id, occurrence, owner) VALUES ('job-1', '{T0.AddMinutes(i):o}', 'host-a')");
        }

        // One script without parameters: sent as a simple query, which may hold several statements.
        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
