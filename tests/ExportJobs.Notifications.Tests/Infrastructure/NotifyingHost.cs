using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Management;
using ExportJobs.Notifications.Sending;
using ExportJobs.Scheduling;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Notifications.Tests.Infrastructure;

/// <summary>
/// A real host (scheduler, runner, the store, notifications, and the REST endpoints on Kestrel at 127.0.0.1) on a fake
/// clock, exporting generated records to a <see cref="SwitchableDestination"/>; notification receivers on loopback are
/// allowed by the address policy; secrets are protected with Data Protection.
/// </summary>
public sealed class NotifyingHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 30, 0, TimeSpan.Zero);
    private readonly WebApplication _host;
    private readonly string _root;
    private readonly bool _ownsRoot;

    private NotifyingHost(WebApplication host, FakeTimeProvider time, LogSink logs, string root, bool ownsRoot)
    {
        _host = host;
        _root = root;
        _ownsRoot = ownsRoot;
        Time = time;
        Logs = logs;
    }

    /// <summary>A client of the host's endpoints (<c>/export-jobs</c>).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The folder of the LiteDB file (<c>jobs.db</c>) and the spool.</summary>
    public string Root => _root;

    public FakeTimeProvider Time { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _host.Services;

    public ExportJobManager Manager => Services.GetRequiredService<ExportJobManager>();

    public ExportJobStore Store => Services.GetRequiredService<ExportJobStore>();

    public SwitchableDestination Destination => (SwitchableDestination)Services.GetRequiredKeyedService<IExportDestination>(SwitchableDestination.TypeName);

    public FinishedRuns Finished => Services.GetServices<IExportRunObserver>().OfType<FinishedRuns>().Single();

    internal NotificationActivity Activity => Services.GetRequiredService<NotificationActivity>();

    internal ExportScheduler Scheduler => Services.GetServices<IHostedService>().OfType<ExportScheduler>().Single();

    /// <summary>
    /// Starts a host; <paramref name="useStore"/> picks the store (LiteDB on a temp file when null); <paramref name="root"/>
    /// is a folder the caller owns (kept at dispose, so a second host can open the same store), else a new temp folder.
    /// </summary>
    public static async Task<NotifyingHost> StartAsync(
        Action<ExportNotificationOptions> notifications,
        Action<ExportJobsOptions>? configure = null,
        Action<IExportJobsBuilder, string>? useStore = null,
        FakeTimeProvider? time = null,
        string? root = null)
    {
        time ??= new FakeTimeProvider(Start);
        var logs = new LogSink();
        var ownsRoot = root is null;
        root ??= Directory.CreateTempSubdirectory("exportjobs-notify-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(root, "keys")));
        builder.Services.AddSingleton<TimeProvider>(time);
        var exportJobs = builder.Services.AddExportJobs(o =>
            {
                o.SpoolDirectory = Path.Combine(root, "spool");
                o.RetryAttempts = 0;
                o.RetryJitter = 0;
                o.Retention.Enabled = false;
                configure?.Invoke(o);
            })
            .AddDestination<SwitchableDestination>(SwitchableDestination.TypeName)
            .AddRunObserver<FinishedRuns>()
            .UseDataProtectionForSecrets()
            .ConfigureNetwork(n => n.Destinations["notifications"] = Loopback())
            .AddNotifications(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.MaxRetryDelay = TimeSpan.FromSeconds(4);
                o.Timeout = TimeSpan.FromSeconds(20);
                o.ClaimDuration = TimeSpan.FromMinutes(5);
                notifications(o);
            });
        builder.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(5));
        if (useStore is null)
        {
            exportJobs.UseLiteDb($"Filename={Path.Combine(root, "jobs.db")}");
        }
        else
        {
            useStore(exportJobs, root);
        }

        var app = builder.Build();
        app.MapExportJobs();
        var host = new NotifyingHost(app, time, logs, root, ownsRoot);
        await app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        return host;
    }

    private static Network.ExportJobsNetworkTypeOptions Loopback()
    {
        var options = new Network.ExportJobsNetworkTypeOptions();
        options.Allow.Add("127.0.0.0/8");
        return options;
    }

    /// <summary>A job every hour at :00 (the first at 09:00, half an hour after <see cref="Start"/>).</summary>
    public async Task<ExportJob> CreateJobAsync(string name = "Nightly products")
    {
        var result = await Manager.CreateAsync(new ExportJobDefinition
        {
            Name = name,
            DestinationType = SwitchableDestination.TypeName,
            DestinationConfig = new System.Text.Json.Nodes.JsonObject { ["token"] = "destination-token-secret" },
            Format = "csv",
            Schedule = "0 * * * *",
        });
        Assert.True(result.Value is not null, "The job did not validate.");
        return (await Store.GetJobAsync(result.Value!.Job.Id))!;
    }

    /// <summary>Moves the clock to <paramref name="target"/> through every scheduler wake-up on the way, waiting for the scheduler each time.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Scheduler.WaitUntilIdleAsync(timeout.Token);
        while (Scheduler.NextWakeAt is { } wake && wake <= target)
        {
            var step = wake - Time.GetUtcNow();
            Time.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            await Scheduler.WaitUntilIdleAsync(timeout.Token);
        }

        if (target > Time.GetUtcNow())
        {
            Time.SetUtcNow(target);
        }

        await Scheduler.WaitUntilIdleAsync(timeout.Token);
    }

    /// <summary>Waits until the sender has finished <paramref name="count"/> messages (delivered to every channel or given up).</summary>
    public Task WaitForDoneAsync(int count) =>
        Activity.WaitForAsync(entries => entries.Count(e => e.Kind == "done") >= count, $"{count} finished notification(s)", TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Client?.Dispose();
        await _host.StopAsync(stop.Token);
        await _host.DisposeAsync();
        if (_ownsRoot)
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
