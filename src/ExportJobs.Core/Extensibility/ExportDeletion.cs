namespace ExportJobs.Extensibility;

/// <summary>
/// A record deleted from the host's data, as a record source that reports deletions returns it
/// (<see cref="IExportRecordSource.ReadDeletionsAsync"/>). A <c>changes</c> run writes it as a tombstone: the record
/// fields it knows, <c>updatedAt</c> = <see cref="DeletedAt"/>, empty attributes and <c>op</c> = <c>delete</c>.
/// </summary>
public sealed class ExportDeletion
{
    /// <summary>The deleted record's id.</summary>
    public required string Id { get; init; }

    /// <summary>When it was deleted; a <c>changes</c> run asks for deletions after its <see cref="ExportScope.Since"/>.</summary>
    public DateTimeOffset DeletedAt { get; init; }

    /// <summary>The schema it belonged to, when the host still knows it; else <see langword="null"/> (an empty cell).</summary>
    public string? SchemaId { get; init; }

    /// <summary>The parent record's id of a deleted variant, when known.</summary>
    public string? ParentId { get; init; }

    /// <summary>The catalogs it was in, when known.</summary>
    public IReadOnlyList<string> CatalogIds { get; init; } = [];
}
