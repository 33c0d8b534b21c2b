namespace ExportJobs.Management;

/// <summary>How <see cref="ExportJobManager.UpdateAsync(string, Model.ExportJobDefinition, ExportJobUpdateOptions, Validation.ValidationErrors?, CancellationToken)"/> applies a new definition.</summary>
public sealed record ExportJobUpdateOptions
{
    /// <summary>
    /// Only change the job if it is still at this version (the REST API's <c>If-Match</c>); otherwise the result is a
    /// <see cref="ExportResult{T}.VersionMismatch"/> and nothing is stored. <see langword="null"/>: change whatever the
    /// version (the last write wins, made to the job as stored at that moment).
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// Keep the job's stored <c>active</c> state and pause reason instead of the definition's <see cref="Model.ExportJobDefinition.Active"/>
    /// (a PUT that does not send <c>active</c>: pausing is an operation, not a field to repeat).
    /// </summary>
    public bool KeepActive { get; init; }
}
