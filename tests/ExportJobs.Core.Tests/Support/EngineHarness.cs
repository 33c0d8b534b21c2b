using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Support;

/// <summary>The real engine (runner, dispatcher, formats) over a LiteDB temp file, a list source and a capturing destination.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public EngineHarness(IExportRecordSource source, Action<ExportJobsOptions>? configure = null, Action<IExportJobsBuilder>? extend = null)
    {
        Root = Directory.CreateTempSubdirectory("exportjobs-engine-").FullName;
        SpoolFolder = Path.Combine(Root, "spool");
        DeliveredFolder = Path.Combine(Root, "delivered");
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddExportJobs(o =>
            {
                o.SpoolDirectory = SpoolFolder;
                configure?.Invoke(o);
            })
            .UseLiteDb($"Filename={Path.Combine(Root, "jobs.db")}")
            .AddDestination<CapturingDestination>(CapturingDestination.Name);
        extend?.Invoke(new ServiceCollectionBuilder(services));
        services.AddSingleton(source);
        _services = services.BuildServiceProvider();
        Destination = (CapturingDestination)_services.GetRequiredKeyedService<IExportDestination>(CapturingDestination.Name);
        Destination.Folder = DeliveredFolder;
    }

    public string Root { get; }

    public string SpoolFolder { get; }

    public string DeliveredFolder { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 4, 1, 8, 30, 0, TimeSpan.Zero));

    public CapturingDestination Destination { get; }

    public IExportRunDispatcher Dispatcher => _services.GetRequiredService<IExportRunDispatcher>();

    public ExportJobStore Store => _services.GetRequiredService<ExportJobStore>();

    public IServiceProvider Services => _services;

    internal ExportRunDispatcher ConcreteDispatcher => _services.GetRequiredService<ExportRunDispatcher>();

    public ExportJobs.Diagnostics.ExportJobsTelemetry Telemetry => _services.GetRequiredService<ExportJobs.Diagnostics.ExportJobsTelemetry>();

    public ExportJobs.Preview.ExportPreviewer Previewer => _services.GetRequiredService<ExportJobs.Preview.ExportPreviewer>();

    public static ExportJobDefinition Job(string format, bool compress = false, IReadOnlyDictionary<string, string>? scope = null, bool includeVariants = true) => new()
    {
        Name = "test",
        DestinationType = CapturingDestination.Name,
        DestinationConfig = new JsonObject { ["password"] = "hunter2-very-secret" },
        Format = format,
        Schedule = "0 2 * * *",
        Compress = compress,
        DimensionScope = scope,
        IncludeVariants = includeVariants,
        FilenameTemplate = "out/{jobId}-{date}.{format}",
    };

    public async Task<ExportJob> CreateAsync(ExportJobDefinition definition)
    {
        var result = await _services.GetRequiredService<ExportJobManager>().CreateAsync(definition);
        Assert.True(result.Value is not null, "The job did not validate: " + string.Join("; ", result.Errors?.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
        return (await Store.GetJobAsync(result.Value!.Job.Id))!;
    }

    public async Task<ExportRunHandle> StartAsync(ExportJob job, ExportRunRequest? request = null) =>
        await Dispatcher.TryStartAsync(job, request ?? new ExportRunRequest(ExportRunTrigger.Manual))
        ?? throw new InvalidOperationException("The run did not start.");

    public async Task<ExportRun> RunAsync(ExportJobDefinition definition)
    {
        var job = await CreateAsync(definition);
        var handle = await StartAsync(job);
        return await handle.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public string[] FilesLeft() =>
        Directory.Exists(SpoolFolder) ? Directory.GetFiles(SpoolFolder, "*", SearchOption.AllDirectories) : [];

    public string[] Delivered() =>
        Directory.Exists(DeliveredFolder) ? Directory.GetFiles(DeliveredFolder, "*", SearchOption.AllDirectories) : [];

    public ExportJobs.Management.ExportJobManager Manager => _services.GetRequiredService<ExportJobManager>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    private sealed class ServiceCollectionBuilder(IServiceCollection services) : IExportJobsBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
