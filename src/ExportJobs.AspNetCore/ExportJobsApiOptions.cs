namespace ExportJobs.AspNetCore;

/// <summary>Options of the REST API mapped by <c>MapExportJobs</c>; set them with <c>services.Configure&lt;ExportJobsApiOptions&gt;(...)</c>.</summary>
public sealed class ExportJobsApiOptions
{
    /// <summary>Largest accepted JSON request body in bytes; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
