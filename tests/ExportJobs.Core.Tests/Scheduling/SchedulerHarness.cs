using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using ExportJobs.Scheduling;
using ExportJobs.Storage.LiteDb;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>
/// A real host with <c>AddExportJobs()</c>, a LiteDB store on a temp file, a <see cref="FakeTimeProvider"/> and a
/// <see cref="FakeRunDispatcher"/>. Time only moves when a test moves it, and every move waits until the scheduler has
/// handled everything it caused (no sleeps).
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);
    private readonly string _folder;
    private readonly Action<ExportJobsOptions>? _configure;
    private IHost? _host;

    private SchedulerHarness(DateTimeOffset start, Action<ExportJobsOptions>? configure)
    {
        Time = new FakeTimeProvider(start);
        _configure = configure;
        _folder = Path.Combine(Path.GetTempPath(), "exportjobs-scheduler-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    public FakeTimeProvider Time { get; }

    public LogSink Logs { get; private set; } = new();

    public FakeRunDispatcher Dispatcher { get; private set; } = null!;

    public ExportJobManager Manager => Services.GetRequiredService<ExportJobManager>();

    public ExportJobStore Store => Services.GetRequiredService<ExportJobStore>();

    public string DatabasePath => Path.Combine(_folder, "jobs.db");

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The host is stopped.");

    private ExportScheduler Scheduler => Services.GetServices<IHostedService>().OfType<ExportScheduler>().Single();

    public static async Task<SchedulerHarness> StartAsync(DateTimeOffset start, Action<ExportJobsOptions>? configure = null)
    {
        var harness = new SchedulerHarness(start, configure);
        await harness.StartHostAsync();
        return harness;
    }

    public async Task<ExportJob> CreateJobAsync(string schedule, string? timeZone = null)
    {
        var result = await Manager.CreateAsync(new ExportJobDefinition
        {
            Name = "job " + schedule,
            DestinationType = "null",
            Format = "csv",
            Schedule = schedule,
            TimeZone = timeZone,
        });
        Assert.Null(result.Errors?.ToDictionary());
        await WaitIdleAsync();
        return result.Value!.Job;
    }

    /// <summary>The definition a job was created from, to edit with <c>with</c>.</summary>
    public static ExportJobDefinition Definition(ExportJob job) => new()
    {
        Name = job.Name,
        DestinationType = job.DestinationType,
        Format = job.Format,
        Schedule = job.Schedule,
        TimeZone = job.TimeZone,
        Active = job.Active,
    };

    /// <summary>The scheduled times of a job's stored runs, oldest first (survives restarts, unlike <see cref="Dispatcher"/>).</summary>
    public async Task<IReadOnlyList<DateTimeOffset?>> StoredRunTimesAsync(string jobId) =>
        (await Store.ListRunsAsync(jobId, 1000)).Reverse().Select(r => r.ScheduledAt).ToList();

    public async Task WaitIdleAsync()
    {
        using var timeout = new CancellationTokenSource(IdleTimeout);
        await Scheduler.WaitUntilIdleAsync(timeout.Token);

        // Run events (auto-pause) are handled off the loop; a pause they make wakes the loop once more.
        await Services.GetRequiredService<ExportRunEvents>().WaitUntilHandledAsync(timeout.Token);
        await Scheduler.WaitUntilIdleAsync(timeout.Token);
    }

    /// <summary>Moves the clock to <paramref name="target"/>, stopping at every instant the scheduler's timer fires.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        await WaitIdleAsync();
        while (Scheduler.NextWakeAt is { } wake && wake <= target)
        {
            var step = wake - Time.GetUtcNow();
            Time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            await WaitIdleAsync();
        }

        if (target > Time.GetUtcNow())
        {
            Time.SetUtcNow(target);
        }

        await WaitIdleAsync();
    }

    public Task AdvanceAsync(TimeSpan by) => AdvanceToAsync(Time.GetUtcNow() + by);

    /// <summary>Stops the host, lets <paramref name="downtime"/> pass with no host, runs <paramref name="whileDown"/> on the file, and starts a new host.</summary>
    public async Task RestartAsync(TimeSpan downtime, Func<LiteDbExportJobStore, Task>? whileDown = null)
    {
        await StopHostAsync();
        Time.Advance(downtime);
        if (whileDown is not null)
        {
            using var store = new LiteDbExportJobStore($"Filename={DatabasePath}");
            await whileDown(store);
        }

        await StartHostAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }

    private async Task StartHostAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Logs = new LogSink();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddExportJobs(o => _configure?.Invoke(o))
            .UseLiteDb($"Filename={DatabasePath}")
            .AddDestination<NullDestination>("null");
        builder.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(0));
        builder.Services.AddSingleton<FakeRunDispatcher>();
        builder.Services.AddSingleton<IExportRunDispatcher>(sp => sp.GetRequiredService<FakeRunDispatcher>());
        _host = builder.Build();
        Dispatcher = _host.Services.GetRequiredService<FakeRunDispatcher>();
        await _host.StartAsync();
        if (_host.Services.GetRequiredService<IOptions<ExportJobsOptions>>().Value.SchedulerEnabled)
        {
            await WaitIdleAsync();
        }
    }

    private async Task StopHostAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        _host.Dispose();
        _host = null;
    }
}
