using ExportJobs.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ExportJobs health check to the host's <c>AddHealthChecks()</c>.</summary>
public static class ExportJobsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is Unhealthy when the export job store cannot be read or the scheduler is not running, and
    /// Degraded when a job's last runs all failed.
    /// </summary>
    /// <param name="builder">The host's health checks builder.</param>
    /// <param name="name">The check's name; <c>"exportjobs"</c> by default.</param>
    /// <param name="configure">Changes the threshold of failed runs or whether the scheduler is required.</param>
    /// <param name="failureStatus">The status reported for a failure; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags to filter checks by, e.g. for a readiness endpoint.</param>
    /// <returns>The builder, to chain more checks.</returns>
    public static IHealthChecksBuilder AddExportJobsHealthCheck(
        this IHealthChecksBuilder builder,
        string name = "exportjobs",
        Action<ExportJobsHealthCheckOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<ExportJobsHealthCheckOptions>(name)
            .Validate(o => o.FailedRunsThreshold >= 1, "ExportJobs health check: FailedRunsThreshold must be 1 or more.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            services => ActivatorUtilities.CreateInstance<ExportJobsHealthCheck>(services),
            failureStatus,
            tags));
    }
}
