namespace ExportJobs;

/// <summary>Registered by <c>AddExportJobs()</c> so that adapters can tell the library was added.</summary>
public sealed class ExportJobsMarkerService
{
}
