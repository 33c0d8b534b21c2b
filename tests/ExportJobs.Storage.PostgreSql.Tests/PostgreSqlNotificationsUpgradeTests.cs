using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>
/// A job's <c>notifications</c> round-trip (null, <c>[]</c>, channels); a schema written by the previous release (every
/// schema version before 9, the <c>notifications</c> column) migrates and its jobs read as null, the host's channels.
/// </summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlNotificationsUpgradeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    private static ExportJob Job(string id, IReadOnlyList<ExportJobNotification>? notifications) =>
        new(id, new ExportJobDefinition { Name = "Told", DestinationType = "s3", Format = "csv", Schedule = "0 * * * *", Notifications = notifications }) { CreatedAt = T0, UpdatedAt = T0 };

    private static ExportJobNotification[] Channels() =>
    [
        new ExportJobNotification { Type = "slack", On = ["failed"], Settings = new JsonObject { ["url"] = new JsonObject { ["$protected"] = "cipher" } } },
        new ExportJobNotification { Type = "email", Settings = new JsonObject { ["to"] = new JsonArray("ops@example.com", "lead@example.com") } },
    ];

    [Fact]
    public async Task Notifications_RoundTrip_NullEmptyAndChannelsStayApart()
    {
        var store = _schema.NewHost();
        await store.MigrateAsync();
        await store.CreateJobAsync(Job("defaults", null));
        await store.CreateJobAsync(Job("opted-out", []));
        await store.CreateJobAsync(Job("own", Channels()));

        Assert.Null((await store.GetJobAsync("defaults"))!.Notifications);
        Assert.Empty((await store.GetJobAsync("opted-out"))!.Notifications!);
        AssertChannels((await store.GetJobAsync("own"))!.Notifications);
        var own = (await store.GetJobAsync("own"))!;
        Assert.Equal(ExportJobWriteOutcome.Written, await store.TryUpdateJobAsync(own with { Notifications = [], Version = own.Version + 1 }, own.Version));
        Assert.Empty((await store.ListJobsAsync()).Single(j => j.Id == "own").Notifications!);
    }

    [Fact]
    public async Task SchemaBeforeNotifications_Migrates_JobsReadWithTheHostsChannels()
    {
        await CreateSchemaOfThePreviousReleaseAsync();

        var store = _schema.NewHost();

        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await store.MigrateAsync());
        var job = await store.GetJobAsync("job-1");
        Assert.Null(job!.Notifications);
        Assert.True(await store.UpdateJobAsync(job with { Notifications = Channels(), Version = 2 }));
        AssertChannels((await store.GetJobAsync("job-1"))!.Notifications);
    }

    private static void AssertChannels(IReadOnlyList<ExportJobNotification>? channels)
    {
        Assert.NotNull(channels);
        Assert.Equal(["slack", "email"], channels.Select(c => c.Type));
        Assert.Equal(["failed"], channels[0].On);
        Assert.True(JsonNode.DeepEquals(Channels()[0].Settings, channels[0].Settings), channels[0].Settings.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Channels()[1].Settings, channels[1].Settings), channels[1].Settings.ToJsonString());
    }

    private async Task CreateSchemaOfThePreviousReleaseAsync()
    {
        var schema = $"\"{_schema.Name}\"";
        var sql = new List<string>
        {
            $"CREATE SCHEMA {schema}",
            $"CREATE TABLE {schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
        };
        foreach (var (version, description, migration) in PostgreSqlMigrations.All.Where(m => m.Version < 9))
        {
            sql.Add(migration.Replace("{schema}", schema, StringComparison.Ordinal));
            sql.Add($"INSERT INTO {schema}.schema_version (version, description) VALUES ({version}, '{description}')");
        }

        sql.Add($"""
            INSERT INTO {schema}.jobs (id, name, destination_type, destination_config, format, schedule, include_variants, compress, filename_template, active, mode, created_at, updated_at)
            VALUES ('job-1', 'Told', 's3', '{"{"}"bucket":"b"{"}"}', 'csv', '0 * * * *', false, false, '{"{"}jobId{"}"}.csv', true, 'Full', '{T0:o}', '{T0:o}')
            """);

        await using var command = server.DataSource.CreateCommand(string.Join(";\n", sql));
        await command.ExecuteNonQueryAsync();
    }
}
