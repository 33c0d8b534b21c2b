using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Pruning;
using ExportJobs.Retention;
using ExportJobs.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Retention;

/// <summary><c>AddExportJobs()</c> on a LiteDB temp file with a <see cref="FakeTimeProvider"/>; the pruner is the registered one.</summary>
internal sealed class PrunerHarness : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ServiceProvider _services;

    public PrunerHarness(Action<ExportJobsOptions>? configure = null, IDictionary<string, string?>? configuration = null, Action<IServiceCollection, IExportJobsBuilder>? extend = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(Time);
        var exportJobs = services.AddExportJobs(o => configure?.Invoke(o)).UseLiteDb($"Filename={_folder.File("jobs.db")}");
        extend?.Invoke(services, exportJobs);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public ExportJobStore Store => _services.GetRequiredService<ExportJobStore>();

    public ExportJobManager Manager => _services.GetRequiredService<ExportJobManager>();

    public ExportHistoryPruner Pruner => _services.GetServices<IHostedService>().OfType<ExportHistoryPruner>().Single();

    public async Task<ExportJob> CreateJobAsync(ExportRetention? retention)
    {
        var job = new ExportJob(ExportIds.New(Time.GetUtcNow()), new ExportJobDefinition
        {
            Name = "job",
            DestinationType = "null",
            Format = "csv",
            Schedule = "* * * * *",
            Retention = retention,
        })
        { CreatedAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow() };
        await Store.CreateJobAsync(job);
        return job;
    }

    /// <summary>Records <paramref name="count"/> finished runs one minute apart, the last one starting now.</summary>
    public async Task<List<ExportRun>> RecordRunsAsync(ExportJob job, int count, TimeSpan? spacing = null, Func<int, ExportRunStatus>? status = null)
    {
        var runs = new List<ExportRun>();
        var step = spacing ?? TimeSpan.FromMinutes(1);
        for (var i = 0; i < count; i++)
        {
            var started = Time.GetUtcNow() - (step * (count - 1 - i));
            var run = new ExportRun
            {
                Id = ExportIds.New(started),
                JobId = job.Id,
                Status = status?.Invoke(i) ?? ExportRunStatus.Success,
                StartedAt = started,
                CompletedAt = started,
                Trigger = ExportRunTrigger.Schedule,
            };
            await Store.CreateRunAsync(run);
            runs.Add(run);
        }

        return runs;
    }

    public async Task<List<string>> RunIdsAsync(ExportJob job) => (await Store.ListRunsAsync(job.Id, 100_000)).Select(r => r.Id).ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }
}
