using MyFormat;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the format: <c>services.AddExportJobs().AddNdjsonFormat()</c>.</summary>
public static class NdjsonFormatBuilderExtensions
{
    /// <summary>Adds the <c>my-format</c> format.</summary>
    /// <param name="builder">The ExportJobs builder.</param>
    public static IExportJobsBuilder AddNdjsonFormat(this IExportJobsBuilder builder) =>
        builder.AddFormat<NdjsonExportFormat>(NdjsonExportFormat.Name);
}
