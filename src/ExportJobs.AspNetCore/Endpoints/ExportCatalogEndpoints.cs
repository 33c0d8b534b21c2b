using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>What a job editor needs to know about this host: its destination types (with their settings schemas) and its formats.</summary>
internal static class ExportCatalogEndpoints
{
    public static IResult ListDestinationTypes(ExportJobManager manager) => ApiResults.Json(manager.ListDestinationTypes());

    public static IResult ListFormats(ExportJobManager manager) => ApiResults.Json(manager.ListFormats());
}
