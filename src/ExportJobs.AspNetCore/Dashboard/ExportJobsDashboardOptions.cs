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

    /// <summary>
    /// How often the open view refreshes itself while the browser shows the page (it stops while the page is hidden and
    /// refreshes at once when it is shown again): one <c>GET</c> of the job list per interval on the list, whatever the
    /// job count; the job and its recent runs on a job's page. Default 5 seconds; less than 1 second counts as 1 second.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The policies of the API's kinds of endpoints (the same object a host passes to <c>MapExportJobs</c>): the
    /// dashboard's page and files require <see cref="ExportJobsAuthorization.ReadPolicy"/>, and the page shows the
    /// buttons of what the API's capabilities endpoint says the user may do. <see langword="null"/> (the default):
    /// the page requires nothing beyond the group's own <c>.RequireAuthorization()</c>.
    /// </summary>
    public ExportJobsAuthorization? Authorization { get; set; }
}
