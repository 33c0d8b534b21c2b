namespace ExportJobs.Extensibility;

/// <summary>
/// One output column as a format writer gets it: the name to write (CSV header, JSON property, XML element, sheet
/// header) and where its values come from. <see cref="ExportFormatContext.Fields"/> lists them in output order.
/// </summary>
/// <remarks>
/// Without <c>columns</c> on the job the fields are the record fields (<c>id</c>, <c>schemaId</c>, <c>parentId</c>,
/// <c>catalogIds</c>, <c>updatedAt</c>) followed by every column the record source names; with <c>columns</c> they are
/// exactly the job's columns, in its order, under its headers.
/// </remarks>
public sealed record ExportField
{
    /// <summary>The name the output uses for this column: the job's header, the source's label, or the code.</summary>
    public required string Name { get; init; }

    /// <summary>Where the values come from: a record field name (see <see cref="IsRecordField"/>) or an attribute code.</summary>
    public required string Source { get; init; }

    /// <summary>Whether <see cref="Source"/> is one of <see cref="ExportFormatContext.RecordFields"/> rather than an attribute.</summary>
    public bool IsRecordField { get; init; }

    /// <summary>The record source's column for an attribute; <see langword="null"/> for a record field.</summary>
    public ExportColumn? Column { get; init; }

    /// <summary>
    /// What kind of values the field holds, for typed formats: the source column's <see cref="ExportColumn.ValueType"/>,
    /// or the record field's own type (<c>updatedAt</c> is a date-time, the ids are text, <c>catalogIds</c> an array
    /// written as JSON text); <see langword="null"/> means text.
    /// </summary>
    public ExportValueType? ValueType { get; init; }
}
