using ExportJobs.Destinations.AzureBlob;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>azure-blob</c> destination.</summary>
public static class AzureBlobDestinationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>azure-blob</c> destination. Its settings are <c>container</c> (required), <c>path</c>, and either
    /// <c>connectionString</c>, or <c>accountUrl</c> with <c>sasToken</c>, or <c>accountUrl</c> alone when the host
    /// registers an <c>Azure.Core.TokenCredential</c> (for example <c>DefaultAzureCredential</c>); <c>blockSizeMb</c> (1..4000, default 8) and <c>maxConcurrency</c> (blocks in flight, 1..16, default 4).
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    public static IExportJobsBuilder AddAzureBlobDestination(this IExportJobsBuilder builder) =>
        builder.AddDestination<AzureBlobDestination>(AzureBlobDestination.TypeName);
}
