namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures ExportJobs: storage, destinations, formats and the record source. Returned by <c>AddExportJobs()</c>.</summary>
public interface IExportJobsBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}
