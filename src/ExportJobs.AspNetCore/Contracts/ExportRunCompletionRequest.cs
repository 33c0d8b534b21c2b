using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of <c>PATCH /export-jobs/{id}/runs/{runId}</c>, as described in the OpenAPI document.</summary>
/// <remarks>Read field by field by <see cref="ExportRunRequestReader.ReadCompletion"/>; this type only describes the body.</remarks>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportRunCompletionRequest : ExportRunDeliveryRequest
{
    [Description("The final state: 'success' or 'failed'.")]
    public required ExportRunStatus Status { get; init; }

    [Description("When the run ended (ISO 8601 with offset, at most 5 minutes ahead of the server's clock, not before startedAt); now when absent.")]
    public DateTimeOffset? CompletedAt { get; init; }

    [Description("Records written; 0 or more. Absent keeps the reported value.")]
    public long? RecordCount { get; init; }

    [Description("Bytes delivered; 0 or more. Absent keeps the reported value.")]
    public long? FileSize { get; init; }
}
