using ExportJobs.Formats.Parquet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>parquet</c> format.</summary>
public static class ParquetFormatBuilderExtensions
{
    /// <summary>
    /// Adds the <c>parquet</c> format: jobs may then use <c>"format": "parquet"</c>. Options bind from
    /// <c>ExportJobs:Parquet</c> and from <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="configure">Changes the format's options.</param>
    public static IExportJobsBuilder AddParquetFormat(this IExportJobsBuilder builder, Action<ParquetFormatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ParquetFormatOptions>().BindConfiguration("ExportJobs:Parquet")
            .Validate(o => o.RowGroupBytes >= 64 * 1024, "ExportJobs:Parquet:RowGroupBytes must be at least 65536.").ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.AddFormat<ParquetExportFormat>(ParquetExportFormat.Name);
    }
}
