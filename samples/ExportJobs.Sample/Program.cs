// The ExportJobs sample: a PIM API host wired the way a product team would embed the library.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddExportJobs()
    .UseLiteDb(builder.Configuration.GetConnectionString("ExportJobs") ?? "Filename=exportjobs.db");
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddExportJobsHealthCheck();

var app = builder.Build();

app.MapGet("/", () => Results.Redirect("/export-jobs")).ExcludeFromDescription();
app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapExportJobs("/export-jobs");

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
