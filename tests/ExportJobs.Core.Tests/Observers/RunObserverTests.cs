using System.Runtime.CompilerServices;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Observers;

/// <summary>
/// Run observers on a real host (scheduler, dispatcher, runner, LiteDB on a temp file, a capturing destination) driven
/// by a fake clock: each run is told started, progress..., finished once and in order, and observers that throw or hang
/// change nothing about the runs.
/// </summary>
public sealed class RunObserverTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly GatedSource _source = new();
    private readonly string _root = Directory.CreateTempSubdirectory("exportjobs-observers-").FullName;
    private IHost _host = null!;

    private RecordingObserver Recorder => Observers.OfType<RecordingObserver>().Single();

    private IEnumerable<IExportRunObserver> Observers => _host.Services.GetServices<IExportRunObserver>();

    private ExportJobManager Manager => _host.Services.GetRequiredService<ExportJobManager>();

    private CapturingDestination Destination => (CapturingDestination)_host.Services.GetRequiredKeyedService<IExportDestination>(CapturingDestination.Name);

    private ExportScheduler Scheduler => _host.Services.GetServices<IHostedService>().OfType<ExportScheduler>().Single();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddExportJobs(o =>
            {
                o.SpoolDirectory = Path.Combine(_root, "spool");
                o.RetryAttempts = 1;
                o.RetryJitter = 0;
            })
            .UseLiteDb($"Filename={Path.Combine(_root, "jobs.db")}")
            .AddDestination<CapturingDestination>(CapturingDestination.Name)
            .AddRunObserver<ThrowingObserver>()
            .AddRunObserver<HangingObserver>()
            .AddRunObserver<RecordingObserver>();
        builder.Services.AddSingleton<IExportRecordSource>(_source);
        _host = builder.Build();
        Destination.Folder = Path.Combine(_root, "delivered");
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _source.Open();
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ScheduledRetriedAndManualRuns_AreEachToldStartedThenFinishedOnce_InOrder()
    {
        _source.Open();
        var job = await CreateJobAsync();
        Destination.Failure = new IOException("bucket 'exports' is not reachable");

        await AdvanceToAsync(Start.AddMinutes(30)); // 09:00: the scheduled run, which fails
        await Recorder.WaitForFinishedAsync(1);
        Destination.Failure = null;
        await AdvanceToAsync(Start.AddMinutes(50)); // its retry, before 10:00
        await Recorder.WaitForFinishedAsync(1);
        var manual = await Manager.TriggerAsync(job.Id);
        Assert.NotNull(manual.Value);
        await Recorder.WaitForFinishedAsync(1);

        var runs = (await Manager.ListRunsAsync(job.Id, 10))!.Reverse().ToList();
        Assert.Equal([ExportRunTrigger.Schedule, ExportRunTrigger.Retry, ExportRunTrigger.Manual], runs.Select(r => r.Trigger));
        var byRun = Recorder.ByRun();
        Assert.Equal(runs.Select(r => r.Id).Order(), byRun.Keys.Order());
        foreach (var run in runs)
        {
            var kinds = byRun[run.Id];
            Assert.Equal("started", kinds[0]);
            Assert.Equal("finished", kinds[^1]);
            Assert.Equal(1, kinds.Count(k => k == "started"));
            Assert.Equal(1, kinds.Count(k => k == "finished"));
            Assert.All(kinds[1..^1], k => Assert.Equal("progress", k));
        }

        var finished = Recorder.Seen.Where(s => s.Kind == "finished").ToList();
        Assert.Equal([true, false, false], finished.Select(f => f.RetryFollows));
        Assert.Equal([ExportRunStatus.Failed, ExportRunStatus.Success, ExportRunStatus.Success], finished.Select(f => f.Run!.Status));
        Assert.Equal(runs.Select(r => r.Id), finished.Select(f => f.RunId));
    }

    [Fact]
    public async Task ARunningRun_IsToldItsProgress_BetweenStartedAndFinished()
    {
        var job = await CreateJobAsync();
        var started = await Manager.TriggerAsync(job.Id);
        await _source.FirstRecordRead.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The dispatcher samples the run's figures every 250 ms of the (fake) clock.
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await Recorder.FirstProgress.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _source.Open();
        await Recorder.WaitForFinishedAsync(1);

        var progress = Recorder.Seen.Where(s => s.Kind == "progress").Select(s => s.Progress!).ToList();
        Assert.All(progress, p => Assert.Equal(started.Value!.Id, Recorder.Seen.First(s => s.Progress == p).RunId));
        Assert.Equal(ExportRunProgressStage.Writer, progress[0].Stage); // "writer" from the first record until the file is complete
        Assert.Equal(1, progress[0].RecordsWritten);
        Assert.Equal(["started", .. Enumerable.Repeat("progress", progress.Count), "finished"], Recorder.ByRun()[started.Value!.Id]);
    }

    [Fact]
    public async Task ThrowingAndHangingObservers_LeaveRunsTheirTimingAndTheirRecordsUnchanged()
    {
        _source.Open();
        var job = await CreateJobAsync();

        var first = await Manager.TriggerAsync(job.Id);
        await Recorder.WaitForFinishedAsync(1);
        await Observers.OfType<HangingObserver>().Single().Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await Manager.TriggerAsync(job.Id); // the hanging observer still holds its first notification
        await Recorder.WaitForFinishedAsync(1);

        foreach (var id in new[] { first.Value!.Id, second.Value!.Id })
        {
            var run = await Manager.GetRunAsync(job.Id, id);
            Assert.Equal(ExportRunStatus.Success, run!.Status);
            Assert.Equal(GatedSource.Count, run.RecordCount);
            Assert.Equal(Start, run.StartedAt);
            Assert.Equal(Start, run.CompletedAt); // no (fake) time passed: nothing waited for an observer
            Assert.Null(run.Error);
        }

        Assert.Equal(2, Destination.Deliveries.Count);
        Assert.True(Observers.OfType<ThrowingObserver>().Single().Calls >= 2);
        Assert.Equal(2, Recorder.Seen.Count(s => s.Kind == "finished"));
    }

    private async Task<ExportJob> CreateJobAsync()
    {
        var result = await Manager.CreateAsync(new ExportJobDefinition
        {
            Name = "Observed",
            DestinationType = CapturingDestination.Name,
            DestinationConfig = [],
            Format = "csv",
            Schedule = "0 * * * *",
        });
        return result.Value!.Job;
    }

    /// <summary>Moves the clock to <paramref name="target"/>, stopping at every instant the scheduler's timer fires.</summary>
    private async Task AdvanceToAsync(DateTimeOffset target)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Scheduler.WaitUntilIdleAsync(timeout.Token);
        while (Scheduler.NextWakeAt is { } wake && wake <= target)
        {
            var step = wake - _time.GetUtcNow();
            _time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            await Scheduler.WaitUntilIdleAsync(timeout.Token);
        }

        if (target > _time.GetUtcNow())
        {
            _time.SetUtcNow(target);
        }

        await Scheduler.WaitUntilIdleAsync(timeout.Token);
    }

    /// <summary>Three records; after the first it waits until <see cref="Open"/> (at once when opened before).</summary>
    private sealed class GatedSource : IExportRecordSource
    {
        public const int Count = 3;
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FirstRecordRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ExportColumn>>([new ExportColumn("sku")]);

        public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < Count; i++)
            {
                if (i == 1)
                {
                    FirstRecordRead.TrySetResult();
                    await _gate.Task.WaitAsync(cancellationToken);
                }

                yield return new ExportRecord { Id = $"p-{i}", SchemaId = "schema-product", Attributes = new Dictionary<string, object?> { ["sku"] = $"SKU-{i}" } };
            }
        }
    }
}
