namespace ExportJobs.Extensibility;

/// <summary>One record as a format writer gets it: one value per output field, already flattened, plus the record's own fields.</summary>
/// <remarks>
/// The library reuses one instance for every record of a run (no allocation per record): read it inside
/// <see cref="ExportFormatWriter.WriteRecordAsync"/> and do not keep it.
/// </remarks>
public sealed class ExportRow
{
    private readonly object?[] _values;

    /// <summary>Creates a row for <paramref name="columnCount"/> output fields.</summary>
    /// <param name="columnCount">The number of fields (<see cref="ExportFormatContext.Fields"/>).</param>
    public ExportRow(int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        _values = new object?[columnCount];
    }

    /// <summary>The record id (always set, whether or not the job exports it; useful to name the record in an error).</summary>
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
    /// The values in field order (<see cref="ExportFormatContext.Fields"/>), record fields included:
    /// <see langword="null"/>, scalars, arrays, objects, or a <see cref="DimensionalValue"/> whose dimensions the job did
    /// not scope; a job column's <c>default</c> is already filled in. Format them with <see cref="Formats.ExportValues"/>
    /// to follow the built-in formats' conventions.
    /// </summary>
    public IList<object?> Values => _values;

    /// <summary>The values as the array they are (the built-in writers index it without the interface call per value).</summary>
    internal object?[] ValueArray => _values;

    /// <summary>Sets the value of field <paramref name="index"/>.</summary>
    /// <param name="index">The field index.</param>
    /// <param name="value">The flattened value.</param>
    public void SetValue(int index, object? value) => _values[index] = value;
}
