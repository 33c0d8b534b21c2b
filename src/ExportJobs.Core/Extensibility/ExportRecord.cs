namespace ExportJobs.Extensibility;

/// <summary>One record (a product, a variant, ...) as a record source returns it.</summary>
/// <remarks>
/// <para>Attribute values may be:</para>
/// <list type="bullet">
/// <item><see langword="null"/>;</item>
/// <item>a <see cref="string"/>, <see cref="bool"/>, any integer or floating-point type or <see cref="decimal"/>;</item>
/// <item>a <see cref="DateTimeOffset"/>, <see cref="DateTime"/> or <see cref="DateOnly"/> (written as ISO 8601);</item>
/// <item>an object: an <see cref="IReadOnlyDictionary{TKey, TValue}"/> of <see cref="string"/> to values;</item>
/// <item>an array: any other <see cref="System.Collections.IEnumerable"/> of values;</item>
/// <item>a <see cref="DimensionalValue"/>: a value per dimension segment (only at the top level of an attribute);</item>
/// <item>anything else is written as its invariant-culture text.</item>
/// </list>
/// </remarks>
public sealed class ExportRecord
{
    private static readonly Dictionary<string, object?> NoAttributes = new(StringComparer.Ordinal);

    /// <summary>The record id.</summary>
    public required string Id { get; init; }

    /// <summary>The schema the record belongs to.</summary>
    public required string SchemaId { get; init; }

    /// <summary>The catalogs the record is assigned to (a record can be in several).</summary>
    public IReadOnlyList<string> CatalogIds { get; init; } = [];

    /// <summary>The parent record's id for variants; <see langword="null"/> for top-level records.</summary>
    public string? ParentId { get; init; }

    /// <summary>When the record was last changed; change-only exports compare it with <see cref="ExportScope.Since"/>.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Attribute values by attribute code (see the remarks for the value types).</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; init; } = NoAttributes;
}
