using ExportJobs.Core.Tests.Support;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Storage.LiteDb;
using ExportJobs.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExportJobs.Core.Tests.Management;

/// <summary>
/// Changes are compare-and-swap on the job's version: a pause (the user's, or the scheduler's auto-pause, which calls the
/// same method) or an update that read the job before another change was stored never writes its stale copy back.
/// </summary>
public sealed class ExportJobManagerVersionTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly StaleReadStore _store;
    private readonly ServiceProvider _services;

    public ExportJobManagerVersionTests()
    {
        _store = new StaleReadStore(new LiteDbExportJobStore($"Filename={_folder.File("jobs.db")}"));
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddExportJobs(o => o.SchedulerEnabled = false)
            .UseStore(_ => _store)
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        _services = services.BuildServiceProvider();
        Manager = _services.GetRequiredService<ExportJobManager>();
    }

    private ExportJobManager Manager { get; }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Pause_ThatReadTheJobBeforeAnUpdate_KeepsTheUpdate()
    {
        var job = (await Manager.CreateAsync(Definition("first"))).Value!.Job;
        Assert.Equal(1, job.Version);

        _store.HoldNextJobRead();
        var pause = Manager.PauseAsync(job.Id, "3 consecutive failed runs");
        await _store.Read.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var updated = await Manager.UpdateAsync(job.Id, Definition("second"));
        Assert.Equal(2, updated.Value!.Job.Version);
        _store.Release.SetResult();
        var paused = await pause.WaitAsync(TimeSpan.FromSeconds(10));

        var stored = (await Manager.GetAsync(job.Id))!.Job;
        Assert.Equal("second", stored.Description);
        Assert.False(stored.Active);
        Assert.Equal("3 consecutive failed runs", stored.PausedReason);
        Assert.Equal(3, stored.Version);
        Assert.Equal(stored, paused!.Job with { DestinationConfig = stored.DestinationConfig });
    }

    [Fact]
    public async Task Update_ThatReadTheJobBeforeAPause_KeepsThePause_WhenItLeavesActiveAlone()
    {
        var job = (await Manager.CreateAsync(Definition("first"))).Value!.Job;

        _store.HoldNextJobRead();
        var update = Manager.UpdateAsync(job.Id, Definition("second"), new ExportJobUpdateOptions { KeepActive = true });
        await _store.Read.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False((await Manager.PauseAsync(job.Id))!.Job.Active);
        _store.Release.SetResult();
        Assert.NotNull((await update.WaitAsync(TimeSpan.FromSeconds(10))).Value);

        var stored = (await Manager.GetAsync(job.Id))!.Job;
        Assert.Equal("second", stored.Description);
        Assert.False(stored.Active);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task ChangesWithAnExpectedVersion_AreRefusedOnceTheJobMovedOn()
    {
        var job = (await Manager.CreateAsync(Definition("first"))).Value!.Job;
        Assert.NotNull((await Manager.UpdateAsync(job.Id, Definition("second"))).Value);

        var update = await Manager.UpdateAsync(job.Id, Definition("stale"), new ExportJobUpdateOptions { ExpectedVersion = 1 });
        var pause = await Manager.TryPauseAsync(job.Id, expectedVersion: 1);
        var delete = await Manager.TryDeleteAsync(job.Id, expectedVersion: 1);

        Assert.Equal(2, update.CurrentVersion);
        Assert.Equal(2, pause.CurrentVersion);
        Assert.Equal(2, delete.CurrentVersion);
        var stored = (await Manager.GetAsync(job.Id))!.Job;
        Assert.Equal(("second", true, 2L), (stored.Description, stored.Active, stored.Version));
        Assert.Equal(3, (await Manager.TryPauseAsync(job.Id, expectedVersion: 2)).Value!.Job.Version);
    }

    private static ExportJobDefinition Definition(string description) => new()
    {
        Name = "versions",
        Description = description,
        DestinationType = RecordingDestination.TypeName,
        DestinationConfig = new System.Text.Json.Nodes.JsonObject { ["path"] = "out" },
        Format = "csv",
        Schedule = "0 3 * * *",
    };
}
