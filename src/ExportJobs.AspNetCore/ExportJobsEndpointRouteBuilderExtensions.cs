using ExportJobs;
using ExportJobs.AspNetCore;
using ExportJobs.Management;
using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.OpenApi;
using ExportJobs.Model;
using ExportJobs.Preview;
using ExportJobs.AspNetCore.Endpoints;
using ExportJobs.Extensibility;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ExportJobs REST API.</summary>
public static class ExportJobsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the export job endpoints under <paramref name="prefix"/>: list, create, get, replace, delete, pause, resume,
    /// run history, recording a run, cancelling a run, triggering a run now, testing a destination's connection, sending a
    /// test notification to a job's channels, and what a job editor needs: the destination types with their settings
    /// schemas, the formats, and the next runs of an unsaved schedule.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix; <c>/export-jobs</c> by default.</param>
    /// <returns>The group of the endpoints, for the host's <c>.RequireAuthorization()</c>, rate limiting and OpenAPI tags.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddExportJobs()</c> was not called, no store was configured, or no record source is registered while the scheduler
    /// is enabled (an API-only host, <c>ExportJobs:SchedulerEnabled = false</c>, may have none: its previews and triggers
    /// answer 503).
    /// </exception>
    public static RouteGroupBuilder MapExportJobs(this IEndpointRouteBuilder endpoints, string prefix = "/export-jobs") =>
        MapExportJobs(endpoints, prefix, new ExportJobsAuthorization());

    /// <summary>
    /// Maps the export job endpoints under <paramref name="prefix"/>, as <see cref="MapExportJobs(IEndpointRouteBuilder, string)"/>,
    /// each requiring the policy of its kind: reading, operating or editing (<see cref="ExportJobsAuthorization"/>), and
    /// <c>GET {prefix}/capabilities</c>, which tells the current user's kinds.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix, for example <c>/export-jobs</c>.</param>
    /// <param name="authorization">The policies; copied, so changing the object afterwards changes nothing.</param>
    /// <returns>The group of the endpoints, for a policy every endpoint needs besides (<c>.RequireAuthorization()</c>), rate limiting and OpenAPI tags.</returns>
    /// <exception cref="InvalidOperationException">As <see cref="MapExportJobs(IEndpointRouteBuilder, string)"/>.</exception>
    public static RouteGroupBuilder MapExportJobs(this IEndpointRouteBuilder endpoints, string prefix, ExportJobsAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(authorization);
        authorization = new ExportJobsAuthorization { ReadPolicy = authorization.ReadPolicy, OperatePolicy = authorization.OperatePolicy, EditPolicy = authorization.EditPolicy };
        EnsureServices(endpoints.ServiceProvider);

        var settings = endpoints.ServiceProvider.GetRequiredService<IOptions<ExportJobsOptions>>().Value;
        var maxRuns = settings.MaxRunListLimit;
        var group = endpoints.MapGroup(prefix).WithTags("Export jobs");
        var capabilities = new ExportJobsCapabilitiesEndpoint(authorization);
        group.MapGet("/capabilities", (Delegate)capabilities.GetAsync).WithName("GetExportJobsCapabilities")
            .WithSummary("Tells what the current user may do: read, operate (trigger, pause, resume, cancel) and edit (create, change, delete, test, preview, report runs), each as the host's policy for it decides. The dashboard hides what is false; the API answers 403 anyway.")
            .Produces<ExportJobsCapabilities>(StatusCodes.Status200OK, "application/json")
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapGet("/", ExportJobEndpoints.ListAsync).WithName("ListExportJobs")
            .WithSummary("Lists the export jobs with their next run time and last run: all of them, oldest first, or with 'limit' or 'after' one page at a time in id order (pass the last job's id as 'after' for the next page; also in the Link header of a full page).")
            .WithIntegerQuery("limit", $"How many jobs a page holds; {settings.DefaultJobListLimit} (the configured default) when only 'after' is given. Without 'limit' and 'after' the whole list is returned.", 1, settings.MaxJobListLimit)
            .WithStringQuery("after", "The id of the last job of the previous page: returns the jobs whose id comes after it (ordinal order). Holds after that job was deleted. A value that is neither a job's id nor 32 lower-case hexadecimal digits is a 400.")
            .Produces<List<ExportJobResponse>>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem()
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapPost("/", ExportJobEndpoints.CreateAsync).WithName("CreateExportJob")
            .WithSummary("Creates an export job.").AcceptsJob().ProducesJob(StatusCodes.Status201Created)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapGet("/{id}", ExportJobEndpoints.GetAsync).WithName("GetExportJob")
            .WithSummary("Gets an export job; secret destination settings are masked.").ProducesJob().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapGet("/{id}/overview", ExportJobEndpoints.OverviewAsync).WithName("GetExportJobOverview")
            .WithSummary("Gets a job's page in one answer: the job (as GET …/{id}, secrets masked), its newest runs (as GET …/{id}/runs), whether older runs exist (page on with GET …/{id}/runs?before={last id}) and its schedule with the next five run times (as GET …/{id}/schedule; null with scheduleProblem when the current rules refuse it). The dashboard's job page refreshes with this one request.")
            .WithIntegerQuery("limit", "How many of the newest runs; the configured default when absent.", 1, maxRuns)
            .Produces<ExportJobOverviewResponse>(StatusCodes.Status200OK, "application/json")
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The job's version as a strong entity tag (\"3\"), as on GET …/{id}.")
            .ProducesValidationProblem().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapPut("/{id}", ExportJobEndpoints.ReplaceAsync).WithName("ReplaceExportJob")
            .WithSummary("Replaces an export job's definition (a body without 'active' keeps the job's active state).").AcceptsJob().AcceptsIfMatch().ProducesJob().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapDelete("/{id}", ExportJobEndpoints.DeleteAsync).WithName("DeleteExportJob")
            .WithSummary("Deletes an export job.").AcceptsIfMatch().Produces(StatusCodes.Status204NoContent).ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/pause", ExportRunCancelEndpoints.PauseAsync).WithName("PauseExportJob")
            .WithSummary("Pauses a job: the scheduler skips it until it is resumed. Pausing a paused job changes nothing. With cancelRunning=true, its running run is cancelled too.")
            .WithBooleanQuery("cancelRunning", "Also cancel the job's running run, as POST …/runs/{runId}/cancel does; false when absent.")
            .AcceptsIfMatch().ProducesJob().ProducesValidationProblem().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Operate);
        group.MapPost("/{id}/resume", ExportJobEndpoints.ResumeAsync).WithName("ResumeExportJob")
            .WithSummary("Resumes a paused job.").AcceptsIfMatch().ProducesJob().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Operate);
        group.MapGet("/{id}/runs", ExportRunEndpoints.ListAsync).WithName("ListExportRuns")
            .WithSummary("Lists a job's runs, newest first, one page at a time: pass the last run's id as 'before' for the next page (also in the Link header of a full page).")
            .WithIntegerQuery("limit", "How many runs to return; the configured default when absent.", 1, maxRuns)
            .WithStringQuery("before", "The id of the last run of the previous page: returns the runs older than it. Holds while new runs are recorded, and after that run was pruned. A value that is no run id is a 400.")
            .WithStringQuery("status", "Only runs with this status.", values: ["success", "failed", "running"])
            .Produces<List<ExportRun>>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapPost("/{id}/runs", ExportRunEndpoints.RecordAsync).WithName("RecordExportRun")
            .WithSummary("Records a run made outside the library.").AcceptsRunReport().ProducesRun(StatusCodes.Status201Created).ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapGet("/{id}/runs/{runId}", ExportRunEndpoints.GetAsync).WithName("GetExportRun")
            .WithSummary("Gets one run of a job.").ProducesRun().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapPatch("/{id}/runs/{runId}", ExportRunEndpoints.CompleteAsync).WithName("CompleteExportRun")
            .WithSummary("Completes a run reported as running through the API: running -> success or failed. A finished run (or one the library executes) is a 409.")
            .AcceptsRunCompletion().ProducesRun().ProducesNotFound().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/runs/{runId}/cancel", ExportRunCancelEndpoints.CancelAsync).WithName("CancelExportRun")
            .WithSummary("Cancels a running run: it ends failed with 'Cancelled on request' and cancelled: true, leaving nothing at the destination. 409 when it has ended or already published its file.")
            .ProducesRun(StatusCodes.Status202Accepted).ProducesNotFound().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(authorization, ExportJobsAccess.Operate);
        group.MapGet("/{id}/schedule", ExportScheduleEndpoints.GetAsync).WithName("GetExportJobSchedule")
            .WithSummary("Gets the job's schedule, the time zone it runs in and its next five run times (also while paused).")
            .Produces<ExportScheduleResponse>(StatusCodes.Status200OK, "application/json").ProducesNotFound().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapPost("/schedule", ExportScheduleEndpoints.PreviewAsync).WithName("PreviewExportSchedule")
            .WithSummary("Checks an unsaved schedule and time zone as a job's are checked and answers as GET …/{id}/schedule: the zone it runs in and its next five run times (a job editor shows them as you type). Saves nothing.")
            .AcceptsSchedulePreview().Produces<ExportScheduleResponse>(StatusCodes.Status200OK, "application/json")
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapGet("/destination-types", ExportCatalogEndpoints.ListDestinationTypes).WithName("ListExportDestinationTypes")
            .WithSummary("Lists the destination types this host accepts as destinationType, sorted by name: each with its settings schema (a subset of JSON Schema 2020-12, secrets writeOnly; null for a type that declares none: edit its settings as JSON), its secret settings and its endpoint settings.")
            .Produces<List<ExportDestinationTypeInfo>>(StatusCodes.Status200OK, "application/json")
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapGet("/formats", ExportCatalogEndpoints.ListFormats).WithName("ListExportFormats")
            .WithSummary("Lists the output formats this host accepts as format, sorted by name: each with its content type, whether a job may compress it (false for xlsx, a zip already) and whether it is text.")
            .Produces<List<ExportFormatInfo>>(StatusCodes.Status200OK, "application/json")
            .RequireAccess(authorization, ExportJobsAccess.Read);
        group.MapGet("/{id}/preview", ExportPreviewEndpoints.PreviewStoredAsync).WithName("PreviewExportJob")
            .WithSummary("Shows the first records exactly as a run would write them (before compression), the file name and the next five run times. Writes nothing.")
            .WithIntegerQuery("limit", "How many records; 20 when absent.", 1, ExportJobManager.MaxPreviewLimit)
            .Produces<ExportPreview>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem().ProducesNotFound()
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/preview", ExportPreviewEndpoints.PreviewUnsavedAsync).WithName("PreviewUnsavedExportJob")
            .WithSummary("Previews an unsaved job body: first records, file name, next five run times. Saves and writes nothing.")
            .WithIntegerQuery("limit", "How many records; 20 when absent.", 1, ExportJobManager.MaxPreviewLimit)
            .AcceptsJob().Produces<ExportPreview>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/preview", ExportPreviewEndpoints.PreviewEditedAsync).WithName("PreviewEditedExportJob")
            .WithSummary("Previews the edited, unsaved body of a stored job (a form editing it): secret settings sent as the mask stand for the job's stored ones, as in a PUT. First records, file name, next five run times. Saves and writes nothing.")
            .WithIntegerQuery("limit", "How many records; 20 when absent.", 1, ExportJobManager.MaxPreviewLimit)
            .AcceptsJob().Produces<ExportPreview>(StatusCodes.Status200OK, "application/json").ProducesNotFound()
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/trigger", ExportTriggerEndpoints.TriggerAsync).WithName("TriggerExportJob")
            .WithSummary("Starts a run now (manual trigger); an optional body { \"mode\": \"full\" } runs a changes job in full once. 409 while the job's previous run is still going, 503 on a host without a record source.")
            .Accepts<ExportTriggerRequest>(true, "application/json").ProducesBodyProblems()
            .ProducesRun(StatusCodes.Status202Accepted).ProducesNotFound().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAccess(authorization, ExportJobsAccess.Operate);
        group.MapPost("/test-connection", DestinationTestEndpoints.TestUnsavedAsync).WithName("TestExportDestination")
            .WithSummary("Tests a destination's settings (connect, authenticate, check the target) without saving anything.")
            .Accepts<DestinationTestRequest>("application/json").Produces<DestinationTestResult>(StatusCodes.Status200OK, "application/json")
            .ProducesBodyProblems()
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/test-connection", DestinationTestEndpoints.TestJobAsync).WithName("TestExportJobDestination")
            .WithSummary("Tests a saved job's destination, or settings sent in the body with the job's stored secrets.")
            .Accepts<DestinationTestRequest>(true, "application/json").Produces<DestinationTestResult>(StatusCodes.Status200OK, "application/json")
            .ProducesBodyProblems().ProducesNotFound()
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        group.MapPost("/{id}/notifications/test", NotificationTestEndpoints.TestAsync).WithName("TestExportJobNotifications")
            .WithSummary("Sends a test event to each of the job's notification channels (one attempt each) and reports per channel whether it was accepted; 503 on a host without notifications.")
            .Produces<IReadOnlyList<ExportJobs.Extensibility.ExportNotificationTestResult>>(StatusCodes.Status200OK, "application/json")
            .ProducesNotFound().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAccess(authorization, ExportJobsAccess.Edit);
        return group;
    }

    private static void EnsureServices(IServiceProvider services)
    {
        var isService = services.GetService<IServiceProviderIsService>();
        if (isService is not null && !isService.IsService(typeof(ExportJobManager)))
        {
            throw new InvalidOperationException(
                "Unable to find the ExportJobs services. Add them by calling 'builder.Services.AddExportJobs()' in the application startup code before mapping the endpoints with 'MapExportJobs()'.");
        }

        // AddExportJobs() registers a store that throws until one is chosen, marked with this key (MissingExportJobStore in Core).
        if ((isService is not null && !isService.IsService(typeof(ExportJobStore)))
            || services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(ExportJobStore), "ExportJobs:NoStore") == true)
        {
            throw new InvalidOperationException(
                "ExportJobs has no store. Choose one when adding the services, for example 'builder.Services.AddExportJobs().UseLiteDb(connectionString)'.");
        }

        // The same message as the start-up check in Core, which covers hosts that do not map the API.
        if (isService is not null && !isService.IsService(typeof(IExportRecordSource))
            && services.GetRequiredService<IOptions<ExportJobsOptions>>().Value.SchedulerEnabled)
        {
            throw new InvalidOperationException(
                "ExportJobs has no record source. Register the host's IExportRecordSource when adding the services, for example 'builder.Services.AddExportJobs().AddRecordSource<MyRecordSource>()', or set ExportJobs:SchedulerEnabled to false on a host that only serves the API.");
        }
    }
}
