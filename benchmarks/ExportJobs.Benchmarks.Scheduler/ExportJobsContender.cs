using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>The ExportJobs scheduler as a host runs it: <c>AddExportJobs().UseLiteDb(...)</c> on a temp file.</summary>
internal sealed class ExportJobsContender : IContender
{
    private readonly IHost _host;
    private readonly string _folder;

    private ExportJobsContender(IHost host, string folder, string name)
    {
        _host = host;
        _folder = folder;
        Name = name;
    }

    public string Name { get; }

    public static async Task<ExportJobsContender> StartAsync(IReadOnlyList<string> schedules, LatenessRecorder recorder, bool inMemory)
    {
        var folder = Path.Combine(Path.GetTempPath(), "exportjobs-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var jobs = builder.Services.AddExportJobs().UseLiteDb($"Filename={Path.Combine(folder, "bench.db")}");
        if (inMemory)
        {
            jobs.UseStore<InMemoryExportJobStore>();
        }

        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton<IExportRunDispatcher, RecordingDispatcher>();
        builder.Services.AddSingleton<ExportJobs.Extensibility.IExportRecordSource, EmptyRecordSource>();
        var host = builder.Build();

        var store = host.Services.GetRequiredService<ExportJobStore>();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < schedules.Count; i++)
        {
            var definition = new ExportJobDefinition { Name = $"job {i}", DestinationType = "none", Format = "csv", Schedule = schedules[i] };
            await store.CreateJobAsync(new ExportJob($"job-{i:D5}", definition) { CreatedAt = now, UpdatedAt = now });
        }

        await host.StartAsync();
        return new ExportJobsContender(host, folder, inMemory ? "ExportJobs (in-memory store)" : "ExportJobs (LiteDB file)");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
