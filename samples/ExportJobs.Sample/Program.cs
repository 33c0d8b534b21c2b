// The ExportJobs sample: a PIM API host wired the way a product team would embed the library.
using ExportJobs.AspNetCore;
using ExportJobs.Sample;
using ExportJobs.Sample.Formats;
using ExportJobs.Sample.LocalFolder;
using ExportJobs.Sample.Pim;
using ExportJobs.Sample.Security;
using Microsoft.AspNetCore.Authentication;
using ExportJobs.Sample.Seeding;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<SampleOptions>().Bind(builder.Configuration.GetSection(SampleOptions.SectionName))
    .Validate(o => o.RecordDelay >= TimeSpan.Zero && o.RecordDelay <= SampleOptions.MaxRecordDelay, $"Sample:RecordDelay must be between 00:00:00 and {SampleOptions.MaxRecordDelay}.")
    .Validate(o => string.IsNullOrEmpty(o.ReadOnlyApiKey) || (!string.IsNullOrEmpty(o.ApiKey) && o.ReadOnlyApiKey != o.ApiKey), "Sample:ReadOnlyApiKey needs Sample:ApiKey, and must differ from it.")
    .ValidateOnStart();
builder.Services.AddSingleton<DemoChanges>();
var exportJobs = builder.Services.AddExportJobs();
var connectionString = builder.Configuration.GetConnectionString("ExportJobs") ?? "Filename=exportjobs.db";
if (connectionString.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
{
    exportJobs.UsePostgreSql(connectionString);                               // several instances share one PostgreSQL
}
else
{
    exportJobs.UseLiteDb(connectionString);                                   // one instance, one embedded file
}

exportJobs
    .AddRecordSource<DemoPimRecordSource>()                                   // the host's data
    .AddStandardDestinations()                                                // s3, azure-blob, sftp, webhook
    .UseDataProtectionForSecrets()                                            // destination secrets encrypted at rest
    .AddDestination<LocalFolderDestination>(LocalFolderDestination.TypeName)  // a plugin destination
    .AddParquetFormat()                                                       // a format from a plugin package
    .AddFormat<TsvExportFormat>(TsvExportFormat.Name)                         // a host-added format
    .AddNotifications();                                                      // failed/recovered/autoPaused... to webhook, e-mail, Slack (ExportJobs:Notifications)
builder.Services.AddHostedService<DemoJobSeeder>();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails(); // with UseStatusCodePages: routing's own 415 and 405 answers are problem details too
builder.Services.AddHealthChecks().AddExportJobsHealthCheck();

// Open by default (a demo on your machine); with Sample:ApiKey set, the API and the dashboard require that key, and
// Sample:ReadOnlyApiKey (optional) is a second key that may only read: operating and editing need the main key.
var apiKey = builder.Configuration["Sample:ApiKey"];
builder.Services.AddAuthentication(SampleApiKeyHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, SampleApiKeyHandler>(SampleApiKeyHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy("exports", policy => policy.RequireAuthenticatedUser())
    .AddPolicy("exports-change", policy => policy.RequireAuthenticatedUser().RequireClaim(SampleApiKeyHandler.AccessClaim, SampleApiKeyHandler.FullAccess));

var app = builder.Build();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
SampleExposure.WarnWhenOpen(app);

app.MapGet("/", () => Results.Redirect("/export-jobs-ui")).ExcludeFromDescription();
app.MapOpenApi();
app.MapHealthChecks("/health");
// With a key: reading needs any key, operating (trigger, pause, resume, cancel) and editing need the main key.
var policies = string.IsNullOrEmpty(apiKey) ? null : new ExportJobsAuthorization { ReadPolicy = "exports", OperatePolicy = "exports-change", EditPolicy = "exports-change" };
var api = policies is null ? app.MapExportJobs("/export-jobs") : app.MapExportJobs("/export-jobs", policies);
var dashboard = app.MapExportJobsDashboard("/export-jobs-ui", o => o.Authorization = policies);

// Demo only: "edits" a record of the demo PIM, so that change-only exports (mode: changes) pick it up.
var demo = app.MapPost("/demo/records/{index:int}/touch", (int index, DemoChanges changes, TimeProvider time) =>
{
    changes.Touch(index, time.GetUtcNow());
    return Results.NoContent();
});

// Demo only: deletes a record of the demo PIM; change-only exports report it as a tombstone (op: delete).
var demoDelete = app.MapDelete("/demo/records/{index:int}", (int index, DemoChanges changes, TimeProvider time) =>
{
    changes.Delete(index, time.GetUtcNow());
    return Results.NoContent();
});
if (!string.IsNullOrEmpty(apiKey))
{
    api.RequireAuthorization("exports");
    dashboard.RequireAuthorization("exports");
    demo.RequireAuthorization("exports-change");
    demoDelete.RequireAuthorization("exports-change");
}

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
