using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>
/// A run's <c>mode</c> (kept in the runs' <c>output</c> json column of schema version 8, so no new schema version)
/// round-trips, and runs written by the previous release (<c>output</c> null or without <c>mode</c>) read it as unknown.
/// </summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlRunModeTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task RunMode_RoundTrips_AndRunsOfThePreviousReleaseReadNull()
    {
        var store = _schema.NewHost();
        await store.MigrateAsync();
        await store.CreateJobAsync(new ExportJob("job-1", new ExportJobDefinition { Name = "Delta", DestinationType = "s3", Format = "csv", Schedule = "*/2 * * * *", Mode = ExportMode.Changes }) { CreatedAt = T0, UpdatedAt = T0 });
        await store.CreateRunAsync(Run("run-full", 1) with { Mode = ExportMode.Full, Skipped = ExportRun.NoRecords });
        await store.CreateRunAsync(Run("run-changes", 2) with { Mode = ExportMode.Changes });
        await store.CreateRunAsync(Run("run-old-null", 3));
        await store.CreateRunAsync(Run("run-old-skipped", 4) with { Skipped = ExportRun.NoChanges });

        // What the previous release wrote: no output at all, or output without a mode.
        await using (var command = server.DataSource.CreateCommand(
            $"UPDATE \"{_schema.Name}\".runs SET output = NULL WHERE id = 'run-old-null'; UPDATE \"{_schema.Name}\".runs SET output = '{{\"skipped\":\"no changes\"}}' WHERE id = 'run-old-skipped'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal((ExportMode?)ExportMode.Full, (await store.GetRunAsync("run-full"))!.Mode);
        Assert.Equal(ExportRun.NoRecords, (await store.GetRunAsync("run-full"))!.Skipped);
        Assert.Equal((ExportMode?)ExportMode.Changes, (await store.GetRunAsync("run-changes"))!.Mode);
        Assert.Null((await store.GetRunAsync("run-old-null"))!.Mode);
        var old = await store.GetRunAsync("run-old-skipped");
        Assert.Equal(((ExportMode?)null, ExportRun.NoChanges), (old!.Mode, old.Skipped));
        var listed = await store.ListRunsAsync("job-1", 10);
        Assert.Equal(new ExportMode?[] { null, null, ExportMode.Changes, ExportMode.Full }, listed.Select(r => r.Mode));
        Assert.True(await store.CompleteRunAsync((await store.GetRunAsync("run-changes"))! with { Status = ExportRunStatus.Success, CompletedAt = T0.AddMinutes(9) }));
        Assert.Equal((ExportMode?)ExportMode.Changes, (await store.GetRunAsync("run-changes"))!.Mode);
    }

    private static ExportRun Run(string id, int minute) => new() { Id = id, JobId = "job-1", StartedAt = T0.AddMinutes(minute), Status = ExportRunStatus.Running, Owner = "host-1", Epoch = 1 };
}
