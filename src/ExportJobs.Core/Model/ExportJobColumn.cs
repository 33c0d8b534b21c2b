using System.Text.Json.Nodes;

namespace ExportJobs.Model;

/// <summary>One output column of a job that lists its columns (<see cref="ExportJobDefinition.Columns"/>).</summary>
/// <param name="Source">
/// Where the values come from: a record field (<c>id</c>, <c>schemaId</c>, <c>parentId</c>, <c>catalogIds</c>,
/// <c>updatedAt</c>) or an attribute code of the record source. A code the source does not name when the job runs fails
/// the run with an error naming it.
/// </param>
public sealed record ExportJobColumn(string Source)
{
    /// <summary>The column's name in the output (CSV/xlsx header, JSON property, XML element); <see cref="Source"/> when <see langword="null"/>.</summary>
    /// <remarks>An explicit header wins over the source's labels (<c>"headers": "labels"</c>).</remarks>
    public string? Header { get; init; }

    /// <summary>
    /// The value written when a record has none for this column (the attribute is missing, <see langword="null"/> or an
    /// empty string): a JSON string, number or boolean; <see langword="null"/> leaves the value empty.
    /// </summary>
    public JsonValue? Default { get; init; }
}
