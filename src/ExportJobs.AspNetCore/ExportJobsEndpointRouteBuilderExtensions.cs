using ExportJobs;
using ExportJobs.AspNetCore.Endpoints;
using ExportJobs.Extensibility;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ExportJobs REST API.</summary>
public static class ExportJobsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the export job endpoints under <paramref name="prefix"/>: list, create, get, replace, delete, pause, resume,
    /// run history, recording a run, triggering a run now, and testing a destination's connection.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix; <c>/export-jobs</c> by default.</param>
    /// <returns>The group of the endpoints, for the host's <c>.RequireAuthorization()</c>, rate limiting and OpenAPI tags.</returns>
    /// <exception cref="InvalidOperationException"><c>AddExportJobs()</c> was not called, or no store was configured.</exception>
    public static RouteGroupBuilder MapExportJobs(this IEndpointRouteBuilder endpoints, string prefix = "/export-jobs")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        EnsureServices(endpoints.ServiceProvider);

        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", ExportJobEndpoints.ListAsync).WithName("ListExportJobs");
        group.MapPost("/", ExportJobEndpoints.CreateAsync).WithName("CreateExportJob");
        group.MapGet("/{id}", ExportJobEndpoints.GetAsync).WithName("GetExportJob");
        group.MapPut("/{id}", ExportJobEndpoints.ReplaceAsync).WithName("ReplaceExportJob");
        group.MapDelete("/{id}", ExportJobEndpoints.DeleteAsync).WithName("DeleteExportJob");
        group.MapPost("/{id}/pause", ExportJobEndpoints.PauseAsync).WithName("PauseExportJob");
        group.MapPost("/{id}/resume", ExportJobEndpoints.ResumeAsync).WithName("ResumeExportJob");
        group.MapGet("/{id}/runs", ExportRunEndpoints.ListAsync).WithName("ListExportRuns");
        group.MapPost("/{id}/runs", ExportRunEndpoints.RecordAsync).WithName("RecordExportRun");
        group.MapGet("/{id}/runs/{runId}", ExportRunEndpoints.GetAsync).WithName("GetExportRun");
        group.MapPost("/{id}/trigger", ExportTriggerEndpoints.TriggerAsync).WithName("TriggerExportJob");
        group.MapPost("/test-connection", DestinationTestEndpoints.TestUnsavedAsync).WithName("TestExportDestination");
        group.MapPost("/{id}/test-connection", DestinationTestEndpoints.TestJobAsync).WithName("TestExportJobDestination");
        return group;
    }

    private static void EnsureServices(IServiceProvider services)
    {
        if (services.GetService<ExportJobsMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the ExportJobs services. Add them by calling 'builder.Services.AddExportJobs()' in the application startup code before mapping the endpoints with 'MapExportJobs()'.");
        }

        if (services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(ExportJobStore)))
        {
            throw new InvalidOperationException(
                "ExportJobs has no store. Choose one when adding the services, for example 'builder.Services.AddExportJobs().UseLiteDb(connectionString)'.");
        }
    }
}
