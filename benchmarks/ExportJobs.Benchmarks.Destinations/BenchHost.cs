using System.IO.Compression;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Running;
using ExportJobs.Sample;
using ExportJobs.Sample.LocalFolder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// A host as an application builds it: <c>AddExportJobs</c> with LiteDB, the standard destinations (s3, azure-blob, ...)
/// and the sample's local-folder destination, reading the given record source. Jobs are created through the management
/// service and run through the dispatcher, as a manual "run now" does.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>The scope the export benchmark exports (one language of the demo catalogue, variants included).</summary>
    public static readonly IReadOnlyDictionary<string, string> Scope = new Dictionary<string, string> { ["dim-language"] = "seg-en" };

    private readonly IHost _host;

    private BenchHost(IHost host, string root)
    {
        _host = host;
        Root = root;
    }

    public string Root { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchHost> StartAsync(IExportRecordSource source, CompressionLevel compression)
    {
        var root = Directory.CreateTempSubdirectory("exportjobs-delivery-bench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<SampleOptions>(o => o.ExportRoot = Path.Combine(root, "exports"));
        builder.Services.AddExportJobs(o =>
            {
                o.SpoolDirectory = Path.Combine(root, "spool");
                o.CompressionLevel = compression;
            })
            .UseLiteDb($"Filename={Path.Combine(root, "bench.db")}")
            .AddStandardDestinations()
            .AddDestination<LocalFolderDestination>(LocalFolderDestination.TypeName)
            .ConfigureNetwork(o => o.Allow.Add("127.0.0.0/8"));                   // s3rver and Azurite listen on loopback
        builder.Services.Replace(ServiceDescriptor.Singleton(source));

        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, root);
    }

    /// <summary>Creates an inactive job through the management service (validated as the API validates it) and returns it as stored.</summary>
    public async Task<ExportJob> CreateJobAsync(string destinationType, JsonObject config, string format, bool compress)
    {
        var created = await Services.GetRequiredService<ExportJobManager>().CreateAsync(new ExportJobDefinition
        {
            Name = $"bench {destinationType} {format}",
            DestinationType = destinationType,
            DestinationConfig = config,
            Format = format,
            Compress = compress,
            Schedule = "0 0 1 1 *",
            Active = false,
            IncludeVariants = true,
            DimensionScope = Scope,
        });
        if (created.Value is null)
        {
            var errors = created.Errors?.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [created.Failure ?? created.Conflict ?? "no reason given"];
            throw new InvalidOperationException($"The job was refused: {string.Join("; ", errors)}");
        }

        return (await Services.GetRequiredService<ExportJobStore>().GetJobAsync(created.Value.Job.Id))!;
    }

    /// <summary>Starts a run of <paramref name="job"/> (as "run now" does) and waits for its end.</summary>
    public async Task<ExportRun> RunAsync(ExportJob job)
    {
        var handle = await Services.GetRequiredService<IExportRunDispatcher>().TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual))
            ?? throw new InvalidOperationException("The run did not start.");
        return await handle.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
