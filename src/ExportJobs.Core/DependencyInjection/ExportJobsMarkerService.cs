namespace ExportJobs;

/// <summary>Registered by <c>AddExportJobs()</c> so that adapters can tell the library was added.</summary>
internal sealed class ExportJobsMarkerService
{
}
