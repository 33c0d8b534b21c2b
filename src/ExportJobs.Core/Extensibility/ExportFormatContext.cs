using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>What a format writer knows about its run.</summary>
public sealed class ExportFormatContext
{
    /// <summary>The record fields a job can export, in the order the output has them when the job lists no columns.</summary>
    public static IReadOnlyList<string> RecordFields { get; } = ["id", "schemaId", "parentId", "catalogIds", "updatedAt"];

    /// <summary>The job being exported.</summary>
    public required ExportJob Job { get; init; }

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>
    /// The output columns, in output order, with the names to write; <see cref="ExportRow.Values"/> follows this order.
    /// The job's <c>columns</c> and <c>headers</c> are already applied: a writer writes every field under its
    /// <see cref="ExportField.Name"/> and needs no special case for record fields.
    /// </summary>
    public required IReadOnlyList<ExportField> Fields { get; init; }

    /// <summary>The attribute columns as the record source named them (informational; <see cref="Fields"/> is what to write).</summary>
    public IReadOnlyList<ExportColumn> SourceColumns { get; init; } = [];
}
