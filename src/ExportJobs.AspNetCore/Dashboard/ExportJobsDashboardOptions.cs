namespace ExportJobs.AspNetCore.Dashboard;

/// <summary>Settings of the dashboard mapped by <c>MapExportJobsDashboard</c>.</summary>
public sealed class ExportJobsDashboardOptions
{
    /// <summary>The path of the REST API the dashboard calls (where <c>MapExportJobs</c> was mapped). Default <c>/export-jobs</c>.</summary>
    public string ApiBasePath { get; set; } = "/export-jobs";

    /// <summary>The page title. Default <c>Export jobs</c>.</summary>
    public string Title { get; set; } = "Export jobs";

    /// <summary>How many recent runs the run history and chart show. Default 30.</summary>
    public int RecentRuns { get; set; } = 30;
}
