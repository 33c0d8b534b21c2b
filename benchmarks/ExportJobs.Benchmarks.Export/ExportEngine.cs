using System.IO.Compression;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Sample;
using ExportJobs.Sample.LocalFolder;
using ExportJobs.Sample.Pim;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The real engine (runner, dispatcher, LiteDB store, the parquet plugin) with the sample's local-folder destination,
/// reading a <see cref="RecordPool"/> or, without one, the sample's demo source (records generated on the fly).
/// </summary>
internal sealed class ExportEngine : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;

    private ExportEngine(IHost host, string root)
    {
        _host = host;
        _root = root;
    }

    public static async Task<ExportEngine> StartAsync(int records, RecordPool? pool = null)
    {
        var root = Directory.CreateTempSubdirectory("exportjobs-bench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<SampleOptions>(o =>
        {
            o.ExportRoot = Path.Combine(root, "exports");
            o.ProductCount = records;
        });
        builder.Services.AddSingleton<DemoChanges>();
        builder.Services.AddExportJobs(o =>
            {
                o.SpoolDirectory = Path.Combine(root, "spool");
                o.CompressionLevel = CompressionLevel.Fastest;
            })
            .UseLiteDb($"Filename={Path.Combine(root, "bench.db")}")
            .AddRecordSource<DemoPimRecordSource>(ServiceLifetime.Singleton)
            .AddDestination<LocalFolderDestination>(LocalFolderDestination.TypeName)
            .AddParquetFormat();
        if (pool is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IExportRecordSource>(new PooledRecordSource(pool, records)));
        }

        var host = builder.Build();
        await host.StartAsync();
        return new ExportEngine(host, root);
    }

    /// <summary>Runs one full export (trigger to recorded success) and returns the run; its file stays at the destination.</summary>
    public async Task<ExportRun> ExportAsync(string format, bool compress)
    {
        var manager = _host.Services.GetRequiredService<ExportJobManager>();
        var created = await manager.CreateAsync(new ExportJobDefinition
        {
            Name = $"bench {format}",
            DestinationType = LocalFolderDestination.TypeName,
            DestinationConfig = new JsonObject { ["path"] = format },
            Format = format,
            Schedule = "0 2 * * *",
            Compress = compress,
            IncludeVariants = true,
            DimensionScope = Harness.Scope,
        });
        var job = (await _host.Services.GetRequiredService<ExportJobStore>().GetJobAsync(created.Value!.Job.Id))!;
        var handle = await _host.Services.GetRequiredService<IExportRunDispatcher>().TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual));
        var run = await handle!.Completion;
        if (run.Status != ExportRunStatus.Success)
        {
            throw new InvalidOperationException($"The export failed: {run.Error}");
        }

        return run;
    }

    /// <summary>Deletes what a run delivered (outside the timed region: it is the harness's clean-up, not the export's work).</summary>
    public static void Discard(ExportRun run) => File.Delete(run.DestinationPath!);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
