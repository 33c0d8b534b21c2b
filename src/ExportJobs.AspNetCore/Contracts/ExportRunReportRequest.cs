using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of a request that records a run made outside the library, as described in the OpenAPI document.</summary>
/// <remarks>Read field by field by <see cref="ExportRunRequestReader"/>; this type only describes the body.</remarks>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportRunReportRequest : ExportRunDeliveryRequest
{
    [Description("The run's state.")]
    public required ExportRunStatus Status { get; init; }

    [Description("When the run started (ISO 8601 with offset, at most 5 minutes ahead of the server's clock); now when absent.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("When the run ended (ISO 8601 with offset, not in the future, not before startedAt); now for a finished run when absent; not allowed while 'running' (complete it later with PATCH).")]
    public DateTimeOffset? CompletedAt { get; init; }

    [Description("Records written; 0 or more.")]
    public long? RecordCount { get; init; }

    [Description("Bytes written; 0 or more.")]
    public long? FileSize { get; init; }

    [Description("The schedule occurrence the run belongs to.")]
    public DateTimeOffset? ScheduledAt { get; init; }

    [Description("1 for the first attempt; 1 or more.")]
    [Range(1, int.MaxValue)]
    public int? Attempt { get; init; }
}
