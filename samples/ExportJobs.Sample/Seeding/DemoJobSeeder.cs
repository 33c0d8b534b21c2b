using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Sample.Formats;
using ExportJobs.Sample.LocalFolder;
using Microsoft.Extensions.Options;

namespace ExportJobs.Sample.Seeding;

/// <summary>
/// With <c>Sample:SeedJobs</c>, creates a few demo jobs when the store is empty, so <c>dotnet run</c> shows exports. With
/// <c>Sample:SeedFailingJob</c>, also creates (once) <see cref="FailingJobName"/> and runs it, so a failure shows.
/// </summary>
public sealed class DemoJobSeeder(ExportJobStore store, ExportJobManager manager, IOptions<SampleOptions> options, IHostEnvironment environment, ILogger<DemoJobSeeder> logger) : IHostedService
{
    /// <summary>The name of the failing demo job (<c>Sample:SeedFailingJob</c>).</summary>
    public const string FailingJobName = "Failing demo (destination refuses)";

    /// <summary>
    /// The file the failing demo job's <c>local-folder</c> path runs into, relative to <c>Sample:ExportRoot</c>: the
    /// seeder creates it, and the destination refuses to write below a file.
    /// </summary>
    public const string FailingJobBlocker = "refused";

    /// <summary>
    /// The failing demo job: the winter catalog's shoes (a few records, so it fails within seconds even with
    /// <c>Sample:RecordDelay</c>), hourly csv to <c>refused/products</c>, a folder that cannot be created
    /// (<see cref="FailingJobBlocker"/> is a file).
    /// </summary>
    public static ExportJobDefinition FailingJob { get; } = Job(FailingJobName, "csv", "0 * * * *", FailingJobBlocker + "/products") with { SchemaId = "shoes", CatalogId = "cat-winter" };

    /// <summary>The demo jobs.</summary>
    public static IReadOnlyList<ExportJobDefinition> Jobs { get; } =
    [
        Job("All products, English (csv)", "csv", "*/5 * * * *", "csv") with { DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-en" }, IncludeVariants = true },
        Job("Shoes, German (json, gzip)", "json", "*/10 * * * *", "json") with { SchemaId = "shoes", Compress = true, DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-de" } },
        Job("Summer catalog, all languages (xml)", "xml", "0 * * * *", "xml") with { CatalogId = "cat-summer" },
        Job("Changes (jsonl)", "jsonl", "*/2 * * * *", "changes") with { Mode = ExportMode.Changes, IncludeVariants = true },
        Job("Products (tsv, custom format)", TsvExportFormat.Name, "*/15 * * * *", "tsv"),
    ];

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var existing = await store.ListJobsAsync(cancellationToken);
        if (options.Value.SeedJobs && existing.Count == 0)
        {
            foreach (var job in Jobs)
            {
                var result = await manager.CreateAsync(job, cancellationToken: cancellationToken);
                logger.LogInformation("Seeded demo job '{Name}' ({Id}).", job.Name, result.Value?.Job.Id);
            }
        }

        if (options.Value.SeedFailingJob && !existing.Any(j => j.Name == FailingJobName))
        {
            await SeedFailingJobAsync(cancellationToken);
        }
    }

    private async Task SeedFailingJobAsync(CancellationToken cancellationToken)
    {
        var blocker = Path.Combine(Path.GetFullPath(options.Value.ExportRoot, environment.ContentRootPath), FailingJobBlocker);
        if (!Directory.Exists(blocker) && !File.Exists(blocker))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
            await File.WriteAllTextAsync(blocker, "A file where the failing demo job expects a folder: its destination refuses every run.\n", cancellationToken);
        }

        var created = await manager.CreateAsync(FailingJob, cancellationToken: cancellationToken);
        if (created.Value is not { } view)
        {
            logger.LogWarning("Could not seed the failing demo job: {Problem}", created.Failure ?? created.Conflict ?? "invalid settings");
            return;
        }

        var run = await manager.TriggerAsync(view.Job.Id, cancellationToken);
        logger.LogInformation("Seeded the failing demo job '{Name}' ({Id}) and started run {RunId}.", FailingJobName, view.Job.Id, run.Value?.Id);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static ExportJobDefinition Job(string name, string format, string schedule, string folder) => new()
    {
        Name = name,
        DestinationType = LocalFolderDestination.TypeName,
        DestinationConfig = new JsonObject { ["path"] = folder },
        Format = format,
        Schedule = schedule,
        FilenameTemplate = "products-{date:yyyyMMdd-HHmmss}-{runId}.{format}",
    };
}
