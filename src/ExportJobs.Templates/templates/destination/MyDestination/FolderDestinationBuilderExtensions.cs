using MyDestination;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the destination: <c>services.AddExportJobs().AddFolderDestination()</c>.</summary>
public static class FolderDestinationBuilderExtensions
{
    /// <summary>Adds the <c>my-destination</c> destination type.</summary>
    /// <param name="builder">The ExportJobs builder.</param>
    public static IExportJobsBuilder AddFolderDestination(this IExportJobsBuilder builder) =>
        builder.AddDestination<FolderDestination>(FolderDestination.TypeName);
}
