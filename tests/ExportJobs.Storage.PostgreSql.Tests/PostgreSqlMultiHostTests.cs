using System.Threading.Channels;
using ExportJobs.Model;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>What several hosts on one database rely on: run leases and change reports between hosts.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlMultiHostTests(PostgreSqlFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly PostgreSqlTestSchema _schema = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [Fact]
    public async Task FailExpiredRuns_FailsOnlyRunsWithoutRecentHeartbeat_EachForOneOfConcurrentSweepers()
    {
        var owner = NewHost();
        Assert.True(owner.SupportsRunLeases);
        await owner.CreateRunAsync(Run("silent", T0));
        await owner.CreateRunAsync(Run("renewed", T0));
        await owner.CreateRunAsync(Run("done", T0) with { Status = ExportRunStatus.Success, CompletedAt = T0.AddSeconds(1) });
        await owner.RenewRunLeasesAsync(["renewed", "done"], "web-1:42", T0.AddSeconds(20));

        var sweepers = Enumerable.Range(0, 3).Select(_ => NewHost()).ToList();
        var now = T0.AddSeconds(25);
        var results = await Task.WhenAll(sweepers.Select(s => Task.Run(() => s.FailExpiredRunsAsync(T0.AddSeconds(10), now, "lost"))));

        var failed = Assert.Single(results.SelectMany(r => r));
        Assert.Equal("silent", failed.Id);
        var stored = await owner.GetRunAsync("silent");
        Assert.Equal(ExportRunStatus.Failed, stored!.Status);
        Assert.Equal("lost", stored.Error);
        Assert.Equal(now, stored.CompletedAt);
        Assert.Equal(ExportRunStatus.Running, (await owner.GetRunAsync("renewed"))!.Status);
        Assert.Equal(ExportRunStatus.Success, (await owner.GetRunAsync("done"))!.Status);
        Assert.Equal("web-1:42", await OwnerOfAsync("renewed"));
        Assert.Null(await OwnerOfAsync("done"));
    }

    [Fact]
    public async Task FailExpiredRuns_LeavesRunsReportedThroughTheApiAlone()
    {
        var host = NewHost();
        await host.CreateRunAsync(Run("external", T0) with { Trigger = ExportRunTrigger.External });
        await host.CreateRunAsync(Run("silent", T0));

        var failed = await host.FailExpiredRunsAsync(T0.AddHours(1), T0.AddHours(1), "lost");

        Assert.Equal("silent", Assert.Single(failed).Id);
        Assert.Equal(ExportRunStatus.Running, (await host.GetRunAsync("external"))!.Status);
    }

    [Fact]
    public async Task WatchJobChanges_ReportsCreateUpdateAndDeleteMadeByAnotherHost()
    {
        var watcher = NewHost(TimeSpan.FromMilliseconds(100));
        var other = NewHost();
        await watcher.MigrateAsync();
        var reported = Channel.CreateUnbounded<string>();
        using var stop = new CancellationTokenSource();
        var watching = watcher.WatchJobChangesAsync(id => reported.Writer.TryWrite(id), TimeProvider.System, stop.Token);
        await Task.Delay(1000); // lets the watcher read its starting point (two queries) before the first change

        var job = new ExportJob("job-1", new ExportJobDefinition { Name = "n", DestinationType = "null", Format = "csv", Schedule = "* * * * *" }) { CreatedAt = T0, UpdatedAt = T0 };
        await other.CreateJobAsync(job);
        Assert.Equal("job-1", await reported.Reader.ReadAsync().AsTask().WaitAsync(Bound));

        await other.UpdateJobAsync(job with { PausedReason = "paused elsewhere" });
        Assert.Equal("job-1", await reported.Reader.ReadAsync().AsTask().WaitAsync(Bound));

        await other.DeleteJobAsync("job-1");
        Assert.Equal("job-1", await reported.Reader.ReadAsync().AsTask().WaitAsync(Bound));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(Bound));
        Assert.False(reported.Reader.TryRead(out _), "no change was reported twice");
    }

    private static ExportRun Run(string id, DateTimeOffset startedAt) => new()
    {
        Id = id,
        JobId = "job",
        Status = ExportRunStatus.Running,
        StartedAt = startedAt,
        Trigger = ExportRunTrigger.Schedule,
        Attempt = 1,
    };

    private async Task<string?> OwnerOfAsync(string runId)
    {
        await using var command = server.DataSource.CreateCommand($"SELECT owner FROM \"{_schema.Name}\".runs WHERE id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = runId });
        return await command.ExecuteScalarAsync() as string;
    }

    private PostgreSqlExportJobStore NewHost(TimeSpan? pollInterval = null) => _schema.NewHost(pollInterval);
}
