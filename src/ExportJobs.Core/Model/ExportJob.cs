namespace ExportJobs.Model;

/// <summary>A stored export job: its <see cref="ExportJobDefinition"/> plus what the library keeps about it.</summary>
public sealed record ExportJob : ExportJobDefinition
{
    /// <summary>Creates a stored job from a definition.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="definition">The user's settings.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public ExportJob(string id, ExportJobDefinition definition)
        : base(definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>Unique job id.</summary>
    public string Id { get; init; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job was last changed (update, pause, resume).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the job is paused when the library paused it (for example after repeated failures); cleared by resume.</summary>
    public string? PausedReason { get; init; }

    /// <summary>
    /// The stored version of the job: 1 when created, one more with every change (update, pause, resume). Changes are
    /// compare-and-swap on it (<see cref="Extensibility.ExportJobStore.TryUpdateJobAsync"/>); the REST API shows it as
    /// the job's <c>ETag</c>.
    /// </summary>
    /// <remarks>A job stored by a release before versions reads as version 1.</remarks>
    public long Version { get; init; } = 1;

    /// <summary>
    /// A copy of this job that shares nothing a caller can change: its own <see cref="ExportJobDefinition.DestinationConfig"/>
    /// and <see cref="ExportJobNotification.Settings"/> of its <see cref="ExportJobDefinition.Notifications"/> (the job's
    /// only mutable parts; every other member is immutable or read-only).
    /// </summary>
    /// <remarks>
    /// For stores that keep jobs in memory (a cache) and hand them out: the contract is that a caller changing a listed
    /// job's settings never changes what the store returns next (the store conformance tests check it). Members added
    /// to jobs later that are mutable are copied here too, so a store that uses this stays correct.
    /// </remarks>
    public ExportJob DeepClone() => this with
    {
        DestinationConfig = (System.Text.Json.Nodes.JsonObject)DestinationConfig.DeepClone(),
        Notifications = Notifications?.Select(c => c with { Settings = (System.Text.Json.Nodes.JsonObject)c.Settings.DeepClone() }).ToArray(),
    };

    /// <summary>Returns this job's definition with <paramref name="definition"/>'s settings, keeping id, creation time and version.</summary>
    /// <param name="definition">The new settings.</param>
    /// <param name="updatedAt">The time of the change.</param>
    public ExportJob WithDefinition(ExportJobDefinition definition, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ExportJob(Id, definition)
        {
            CreatedAt = CreatedAt,
            UpdatedAt = updatedAt,
            PausedReason = definition.Active ? null : PausedReason,
            Version = Version,
        };
    }
}
