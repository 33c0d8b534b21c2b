namespace ExportJobs.Extensibility;

/// <summary>One record as a format writer gets it: the record fields and the attribute values, already flattened.</summary>
/// <remarks>
/// The library reuses one instance for every record of a run (no allocation per record): read it inside
/// <see cref="ExportFormatWriter.WriteRecordAsync"/> and do not keep it.
/// </remarks>
public sealed class ExportRow
{
    private readonly object?[] _values;

    /// <summary>Creates a row for <paramref name="columnCount"/> attribute columns.</summary>
    /// <param name="columnCount">The number of columns.</param>
    public ExportRow(int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        _values = new object?[columnCount];
    }

    /// <summary>The record id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The record's schema id.</summary>
    public string SchemaId { get; set; } = string.Empty;

    /// <summary>The parent id of a variant, else <see langword="null"/>.</summary>
    public string? ParentId { get; set; }

    /// <summary>The catalogs the record is in.</summary>
    public IReadOnlyList<string> CatalogIds { get; set; } = [];

    /// <summary>When the record was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The attribute values in column order (<see cref="ExportFormatContext.Columns"/>): <see langword="null"/>, scalars,
    /// arrays, objects, or a <see cref="DimensionalValue"/> whose dimensions the job did not scope. Format them with
    /// <see cref="Formats.ExportValues"/> to follow the built-in formats' conventions.
    /// </summary>
    public IList<object?> Values => _values;

    /// <summary>Sets the value of column <paramref name="index"/>.</summary>
    /// <param name="index">The column index.</param>
    /// <param name="value">The flattened value.</param>
    public void SetValue(int index, object? value) => _values[index] = value;
}
