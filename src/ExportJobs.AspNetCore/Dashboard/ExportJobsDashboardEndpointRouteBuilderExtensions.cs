using ExportJobs.AspNetCore;
using ExportJobs.AspNetCore.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ExportJobs dashboard.</summary>
public static class ExportJobsDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the operators' dashboard under <paramref name="prefix"/>: the jobs with their state, schedule and last run;
    /// a job's run history and chart; pause, resume and run now. The page calls the REST API mapped by
    /// <c>MapExportJobs</c> (<see cref="ExportJobsDashboardOptions.ApiBasePath"/>).
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix; <c>/export-jobs-ui</c> by default.</param>
    /// <param name="configure">Changes the API path, title or number of recent runs.</param>
    /// <returns>The group of the dashboard's endpoints, for the host's <c>.RequireAuthorization()</c>.</returns>
    /// <remarks>Its files are embedded in the package: the page loads nothing from the internet.</remarks>
    public static RouteGroupBuilder MapExportJobsDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/export-jobs-ui", Action<ExportJobsDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new ExportJobsDashboardOptions();
        configure?.Invoke(options);
        if (!options.ApiBasePath.StartsWith('/'))
        {
            throw new ArgumentException($"The dashboard's ApiBasePath must start with '/' (it is '{options.ApiBasePath}').", nameof(configure));
        }

        var handlers = new DashboardEndpoints(DashboardAssets.Load(), options);
        var group = endpoints.MapGroup(prefix);
        var authorization = options.Authorization ?? new ExportJobsAuthorization();
        group.MapGet("/", (Delegate)handlers.Page).ExcludeFromDescription().RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapGet("/{file}", handlers.Asset).ExcludeFromDescription().RequireAccess(authorization, ExportJobsAccess.Read);
        return group;
    }
}
