namespace ExportJobs.Extensibility;

/// <summary>An attribute column of an export, named by the record source before the first record.</summary>
/// <param name="Code">
/// The attribute code, as it appears in <see cref="ExportRecord.Attributes"/> and, unless the job renames it, as the
/// output's column, property or element name. Any text is allowed: XML output encodes codes that are not valid XML names.
/// </param>
/// <remarks>A record rather than a string so that column metadata (labels, types) can be added without breaking sources.</remarks>
public sealed record ExportColumn(string Code)
{
    /// <summary>
    /// The column's label per segment of one dimension, used as its header when the job asks for
    /// <c>"headers": "labels"</c>; <see langword="null"/> when the source has no labels (the code is the header).
    /// </summary>
    public ExportColumnLabels? Labels { get; init; }

    /// <summary>
    /// What kind of values the column holds, for formats with typed columns (Parquet); <see langword="null"/> means
    /// text. Formats without typed columns (csv, json, xml, xlsx) write each value as it comes and ignore the hint.
    /// </summary>
    public ExportValueType? ValueType { get; init; }
}
