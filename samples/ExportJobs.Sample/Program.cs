// The ExportJobs sample: a PIM API host wired the way a product team would embed the library.
using ExportJobs.Sample;
using ExportJobs.Sample.Formats;
using ExportJobs.Sample.LocalFolder;
using ExportJobs.Sample.Pim;
using ExportJobs.Sample.Seeding;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection(SampleOptions.SectionName));
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
    .AddFormat<TsvExportFormat>(TsvExportFormat.Name);                        // a host-added format
builder.Services.AddHostedService<DemoJobSeeder>();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails(); // with UseStatusCodePages: routing's own 415 and 405 answers are problem details too
builder.Services.AddHealthChecks().AddExportJobsHealthCheck();

var app = builder.Build();
app.UseStatusCodePages();

app.MapGet("/", () => Results.Redirect("/export-jobs-ui")).ExcludeFromDescription();
app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapExportJobs("/export-jobs");
app.MapExportJobsDashboard("/export-jobs-ui");

// Demo only: "edits" a record of the demo PIM, so that change-only exports (mode: changes) pick it up.
app.MapPost("/demo/records/{index:int}/touch", (int index, DemoChanges changes, TimeProvider time) =>
{
    changes.Touch(index, time.GetUtcNow());
    return Results.NoContent();
});

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
