using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>One entry of a job's <c>columns</c>, as described in the OpenAPI document.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportJobColumnRequest
{
    [Description("A record field (id, schemaId, parentId, catalogIds, updatedAt) or an attribute code of the record source.")]
    public required string Source { get; init; }

    [Description("The column's name in the output; the source (or its label with headers: 'labels') when absent.")]
    public string? Header { get; init; }

    [Description("The value written when a record has none (missing, null or empty): a string, number or boolean.")]
    public JsonValue? Default { get; init; }
}
