using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Sample.Formats;
using ExportJobs.Sample.LocalFolder;
using Microsoft.Extensions.Options;

namespace ExportJobs.Sample.Seeding;

/// <summary>With <c>Sample:SeedJobs</c>, creates a few demo jobs when the store is empty, so <c>dotnet run</c> shows exports.</summary>
public sealed class DemoJobSeeder(ExportJobStore store, ExportJobManager manager, IOptions<SampleOptions> options, ILogger<DemoJobSeeder> logger) : IHostedService
{
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
        if (!options.Value.SeedJobs || (await store.ListJobsAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        foreach (var job in Jobs)
        {
            var result = await manager.CreateAsync(job, cancellationToken: cancellationToken);
            logger.LogInformation("Seeded demo job '{Name}' ({Id}).", job.Name, result.Value?.Job.Id);
        }
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
