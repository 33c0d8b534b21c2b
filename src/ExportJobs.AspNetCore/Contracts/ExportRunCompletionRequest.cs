using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of <c>PATCH /export-jobs/{id}/runs/{runId}</c>, as described in the OpenAPI document.</summary>
/// <remarks>Read field by field by <see cref="ExportRunRequestReader.ReadCompletion"/>; this type only describes the body.</remarks>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportRunCompletionRequest
{
    [Description("The final state: 'success' or 'failed'.")]
    public required ExportRunStatus Status { get; init; }

    [Description("When the run ended (ISO 8601 with offset, at most 5 minutes ahead of the server's clock, not before startedAt); now when absent.")]
    public DateTimeOffset? CompletedAt { get; init; }

    [Description("Records written; 0 or more. Absent keeps the reported value.")]
    public long? RecordCount { get; init; }

    [Description("Bytes delivered; 0 or more. Absent keeps the reported value.")]
    public long? FileSize { get; init; }

    [Description("Where the file was delivered; at most 2048 characters.")]
    [MaxLength(2048)]
    public string? DestinationPath { get; init; }

    [Description("Why the run failed; at most 8000 characters. The job's secrets are masked before it is stored.")]
    [MaxLength(8000)]
    public string? Error { get; init; }

    [Description("SHA-256 of the file: 64 hex digits (stored lowercase).")]
    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public string? Checksum { get; init; }

    [Description("The file's name; at most 1024 characters.")]
    [MaxLength(1024)]
    public string? FileName { get; init; }
}
