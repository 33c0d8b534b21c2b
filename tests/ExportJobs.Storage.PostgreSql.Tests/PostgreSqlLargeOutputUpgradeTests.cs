using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>
/// The large-output fields (job: <c>skipEmpty</c>, <c>split</c>, <c>manifest</c>; run: <c>skipped</c>, <c>files</c>) round-trip; a schema written by the previous
/// release (every schema version before 8, the <c>output</c> columns) migrates and its jobs and runs read with the old behaviour.
/// </summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlLargeOutputUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task LargeOutputFields_RoundTrip()
    {
        var store = _schema.NewHost();
        await store.MigrateAsync();
        await store.CreateJobAsync(new ExportJob("job-1", new ExportJobDefinition { Name = "Delta", DestinationType = "s3", Format = "csv", Schedule = "*/2 * * * *", Mode = ExportMode.Changes, SkipEmpty = true, Split = new ExportSplit { MaxBytes = 5_000_000_000 }, Manifest = true, FilenameTemplate = "p-{part}.csv" }) { CreatedAt = T0, UpdatedAt = T0 });
        await store.CreateRunAsync(new ExportRun { Id = "run-1", JobId = "job-1", StartedAt = T0, Status = ExportRunStatus.Success, CompletedAt = T0, RecordCount = 0, Skipped = ExportRun.NoChanges });
        var split = new ExportRun
        {
            Id = "run-2",
            JobId = "job-1",
            StartedAt = T0.AddMinutes(1),
            Status = ExportRunStatus.Success,
            RecordCount = 3,
            Files =
            [
                new ExportRunFile { Name = "p-0001.csv", Path = "s3://b/p-0001.csv", Records = 2, Bytes = 40, Checksum = new string('a', 64) },
                new ExportRunFile { Name = "p-0002.csv", Path = "s3://b/p-0002.csv", Records = 1, Bytes = 25, Checksum = new string('b', 64) },
            ],
        };
        await store.CreateRunAsync(split);

        var job = await store.GetJobAsync("job-1");
        Assert.True(job!.SkipEmpty);
        Assert.Equal(new ExportSplit { MaxBytes = 5_000_000_000 }, job.Split);
        Assert.True(job.Manifest);
        Assert.Equal(ExportRun.NoChanges, (await store.GetRunAsync("run-1"))!.Skipped);
        Assert.Equal(split.Files, (await store.GetRunAsync("run-2"))!.Files);
        var listed = await store.ListRunsAsync("job-1", 10);
        Assert.Equal(split.Files, listed[0].Files);
        Assert.Equal(ExportRun.NoChanges, listed[1].Skipped);
        Assert.Null(listed[1].Files);
    }

    [Fact]
    public async Task SchemaBeforeLargeOutputs_Migrates_JobsAndRunsReadWithDefaults()
    {
        await CreateSchemaOfThePreviousReleaseAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        var job = await store.GetJobAsync("job-1");
        Assert.False(job!.SkipEmpty);
        var run = await store.GetRunAsync("run-1");
        Assert.Equal((ExportRunStatus.Success, 3L, (string?)null), (run!.Status, run.RecordCount, run.Skipped));
        Assert.True(await store.UpdateJobAsync(job with { SkipEmpty = true, Version = 2 }));
        Assert.True((await store.GetJobAsync("job-1"))!.SkipEmpty);
    }

    private async Task CreateSchemaOfThePreviousReleaseAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version < 8))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Delta', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '* * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Changes', '{T0:o}', '{T0:o}')
            """);
        sql.Add($"""
            INSERT INTO {schema}.runs (id, job_id, status, started_at, completed_at, record_count, file_size, trigger, attempt)
            VALUES ('run-1', 'job-1', 'success', '{T0:o}', '{T0.AddSeconds(2):o}', 3, 120, 'Schedule', 1)
            """);

        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
