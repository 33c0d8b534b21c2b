namespace ExportJobs.Extensibility;

/// <summary>What one run exports: the job's filters, its dimension scope, and for change-only runs a start time.</summary>
public sealed record ExportScope
{
    /// <summary>The job being exported.</summary>
    public required string JobId { get; init; }

    /// <summary>Only records of this schema, when set.</summary>
    public string? SchemaId { get; init; }

    /// <summary>Only records whose <see cref="ExportRecord.CatalogIds"/> contain this catalog, when set.</summary>
    public string? CatalogId { get; init; }

    /// <summary>Whether records with a <see cref="ExportRecord.ParentId"/> (variants) are exported.</summary>
    public bool IncludeVariants { get; init; }

    /// <summary>
    /// The segment chosen per dimension, for example <c>{"dim-language": "seg-en"}</c>; empty when the job sets none.
    /// Informational for sources (the library flattens); a source may use it to load only the needed translations.
    /// </summary>
    public IReadOnlyDictionary<string, string> DimensionScope { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For change-only runs (<c>mode: changes</c>): only records with <see cref="ExportRecord.UpdatedAt"/> at or after
    /// this instant (the start of the job's last successful run). <see langword="null"/> exports everything.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Whether <paramref name="record"/> is inside this scope (filters only; dimensions do not exclude records).</summary>
    /// <param name="record">The record.</param>
    public bool Includes(ExportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (SchemaId is null || string.Equals(record.SchemaId, SchemaId, StringComparison.Ordinal))
            && (CatalogId is null || Contains(record.CatalogIds, CatalogId))
            && (IncludeVariants || record.ParentId is null)
            && (Since is null || record.UpdatedAt >= Since.Value);
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
