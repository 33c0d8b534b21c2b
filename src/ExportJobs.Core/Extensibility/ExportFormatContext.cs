using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>What a format writer knows about its run.</summary>
public sealed class ExportFormatContext
{
    /// <summary>The record fields every format writes before the attributes, in this order.</summary>
    public static IReadOnlyList<string> RecordFields { get; } = ["id", "schemaId", "parentId", "catalogIds", "updatedAt"];

    /// <summary>The job being exported.</summary>
    public required ExportJob Job { get; init; }

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attribute columns, as the record source named them; <see cref="ExportRow.Values"/> follows this order.</summary>
    public required IReadOnlyList<ExportColumn> Columns { get; init; }
}
