namespace ExportJobs.AspNetCore;

/// <summary>Endpoint metadata naming the kind of an ExportJobs endpoint (read it from <c>Endpoint.Metadata</c>, for example to document or test a host's rules).</summary>
public sealed class ExportJobsAccessMetadata
{
    /// <summary>Creates the metadata.</summary>
    /// <param name="access">The kind of the endpoint.</param>
    public ExportJobsAccessMetadata(ExportJobsAccess access) => Access = access;

    /// <summary>The kind of the endpoint.</summary>
    public ExportJobsAccess Access { get; }
}
