using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlExportJobStoreTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task Migrate_ManyHostsAtOnce_AppliesEachVersionOnce()
    {
        var hosts = Enumerable.Range(0, 8).Select(_ => NewHost()).ToList();

        var versions = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.MigrateAsync()))).WaitAsync(TimeSpan.FromSeconds(60));

        var latest = PostgreSqlMigrations.All.Max(m => m.Version);
        Assert.All(versions, v => Assert.Equal(latest, v));
        await using var command = server.DataSource.CreateCommand($"SELECT count(*), count(DISTINCT version) FROM \"{_schema.Name}\".schema_version");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(PostgreSqlMigrations.All.Count, reader.GetInt64(0));
        Assert.Equal(PostgreSqlMigrations.All.Count, reader.GetInt64(1));
    }

    [Fact]
    public async Task Migrate_AgainOnAMigratedSchema_KeepsTheData()
    {
        var first = NewHost();
        await first.CreateJobAsync(Job("job-1"));

        var second = NewHost();
        await second.MigrateAsync();

        Assert.Equal("Job job-1", (await second.GetJobAsync("job-1"))?.Name);
    }

    [Fact]
    public async Task Migrate_FromVersion4_KeepsJobsWrittenBeforeColumnsAndHeaders_WithEveryColumnByCode()
    {
        var first = NewHost();
        await first.CreateJobAsync(Job("job-1"));

        // Back to the schema before export profiles (version 4): no columns/headers (nor the later job version, outbox, output and notifications columns), and the row written without them.
        await using (var downgrade = server.DataSource.CreateCommand(
            $"ALTER TABLE \"{_schema.Name}\".jobs DROP COLUMN columns, DROP COLUMN headers, DROP COLUMN version, DROP COLUMN output, DROP COLUMN notifications; ALTER TABLE \"{_schema.Name}\".runs DROP COLUMN output; DROP TABLE \"{_schema.Name}\".outbox; DELETE FROM \"{_schema.Name}\".schema_version WHERE version >= 5"))
        {
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = NewHost();
        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await upgraded.MigrateAsync());
        var job = await upgraded.GetJobAsync("job-1");

        Assert.NotNull(job);
        Assert.Equal("Job job-1", job.Name);
        Assert.Null(job.Columns);
        Assert.Equal(ExportHeaders.Codes, job.Headers);
    }

    [Fact]
    public async Task HostStart_MigratesTheSchema()
    {
        var store = NewHost();

        await store.InitializeAsync(CancellationToken.None);

        await using var command = server.DataSource.CreateCommand($"SELECT max(version) FROM \"{_schema.Name}\".schema_version");
        Assert.Equal(PostgreSqlMigrations.All.Max(m => m.Version), await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Claim_ThreeHostsWithManyThreadsEach_ExactlyOneWinsEachOccurrence()
    {
        var hosts = Enumerable.Range(0, 3).Select(_ => NewHost()).ToList();
        await hosts[0].CreateJobAsync(Job("job-1"));
        for (var minute = 0; minute < 5; minute++)
        {
            var occurrence = T0.AddMinutes(minute);
            var claims = hosts.SelectMany((host, h) => Enumerable.Range(0, 12).Select(t => Task.Run(() => host.TryClaimOccurrenceAsync("job-1", occurrence, $"host-{h}-{t}"))));

            var results = await Task.WhenAll(claims).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, results.Count(won => won));
        }

        Assert.Equal(T0.AddMinutes(4), await hosts[2].GetLastClaimedOccurrenceAsync("job-1"));
    }

    [Fact]
    public async Task ChangesOnOneHost_AreSeenByAnother()
    {
        var a = NewHost();
        var b = NewHost();
        await a.CreateJobAsync(Job("job-1"));

        await b.UpdateJobAsync(Job("job-1") with { Active = false, PausedReason = "paused on b" });

        Assert.Equal("paused on b", (await a.GetJobAsync("job-1"))?.PausedReason);
    }

    [Fact]
    public void InvalidSchemaName_IsRejectedWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString, Schema = "x\"; DROP TABLE y; --" }));

        Assert.Contains("schema name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_FailsWithTheServersError()
    {
        using var down = LoopbackPorts.ReserveClosed();
        await using var store = new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = $"Host=127.0.0.1;Port={down.Port};Username=postgres;Timeout=2", Schema = _schema.Name });

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => store.ListJobsAsync());
    }

    [Fact]
    public async Task PruneRuns_ARowAnotherTransactionChangesMidBatch_DeletesNothing_AndLeavesTheConnectionUsable()
    {
        // One pooled connection, so the call after the failed batch runs on the very connection that batch used.
        await using var store = new PostgreSqlExportJobStore(new PostgreSqlStoreOptions { ConnectionString = server.ConnectionString + ";Maximum Pool Size=1", Schema = _schema.Name });
        await store.CreateJobAsync(Job("job-1"));
        var runs = Enumerable.Range(0, 5).Select(i => new ExportRun
        {
            Id = $"run-{i}",
            JobId = "job-1",
            Status = ExportRunStatus.Success,
            StartedAt = T0.AddMinutes(i),
            CompletedAt = T0.AddMinutes(i),
        }).ToList();
        foreach (var run in runs)
        {
            await store.CreateRunAsync(run);
        }

        await using var other = await server.DataSource.OpenConnectionAsync();
        await using var change = await other.BeginTransactionAsync();
        await using (var update = new Npgsql.NpgsqlCommand($"UPDATE \"{_schema.Name}\".runs SET error = 'changed meanwhile' WHERE id = $1", other, change))
        {
            update.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = runs[0].Id });
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var prune = store.PruneRunsAsync("job-1", new ExportRunPruning(1, null), 10);
        await WaitUntilAsync(
            async () =>
            {
                await using var waiting = server.DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1");
                waiting.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = $"%DELETE FROM \"{_schema.Name}\".runs%" });
                return (long)(await waiting.ExecuteScalarAsync())! == 1;
            },
            "the pruning DELETE never waited for the row the other transaction changed");
        await change.CommitAsync();

        Assert.Equal(0, await prune.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(5, (await store.ListRunsAsync("job-1", 10)).Count);
        Assert.Equal(4, await store.PruneRunsAsync("job-1", new ExportRunPruning(1, null), 10));
        Assert.Equal([runs[4].Id], (await store.ListRunsAsync("job-1", 10)).Select(r => r.Id));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(20, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ListJobs_AfterAnotherHostWrites_SeesEveryChange()
    {
        var reader = NewHost();
        var writer = NewHost();
        await writer.CreateJobAsync(Job("job-1"));
        await writer.CreateJobAsync(Job("job-2"));
        Assert.Equal(["Job job-1", "Job job-2"], (await reader.ListJobsAsync()).Select(j => j.Name));

        // Each write goes through the other store, which this one's kept list knows nothing of.
        var job1 = (await writer.GetJobAsync("job-1"))!;
        Assert.Equal(ExportJobWriteOutcome.Written, await writer.TryUpdateJobAsync(job1 with { Name = "Renamed", Version = job1.Version + 1 }, job1.Version));
        Assert.Equal(["Renamed", "Job job-2"], (await reader.ListJobsAsync()).Select(j => j.Name));

        Assert.True(await writer.DeleteJobAsync("job-2"));
        await writer.CreateJobAsync(Job("job-3"));
        Assert.Equal(["job-1", "job-3"], (await reader.ListJobsAsync()).Select(j => j.Id));

        // A TRUNCATE fires no row or statement trigger the change counter counts; the job count catches it.
        await using (var truncate = server.DataSource.CreateCommand($"TRUNCATE \"{_schema.Name}\".jobs CASCADE"))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        Assert.Empty(await reader.ListJobsAsync());
    }

    private PostgreSqlExportJobStore NewHost() => _schema.NewHost();

    private static ExportJob Job(string id) => new(id, new ExportJobDefinition { Name = $"Job {id}", DestinationType = "s3", Format = "csv", Schedule = "* * * * *" })
    {
        CreatedAt = T0,
        UpdatedAt = T0,
    };
}
