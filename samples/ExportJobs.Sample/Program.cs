var builder = WebApplication.CreateBuilder(args);

builder.Services.AddExportJobs()
    .UseLiteDb(builder.Configuration.GetConnectionString("ExportJobs") ?? "Filename=exportjobs.db");

var app = builder.Build();
app.Run();
