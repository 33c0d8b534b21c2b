using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of a request that records a run made outside the library, as described in the OpenAPI document.</summary>
/// <remarks>Read field by field by <see cref="ExportRunRequestReader"/>; this type only describes the body.</remarks>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportRunReportRequest
{
    [Description("The run's state.")]
    public required ExportRunStatus Status { get; init; }

    [Description("When the run started; now when absent.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("When the run ended; not allowed while 'running'.")]
    public DateTimeOffset? CompletedAt { get; init; }

    [Description("Records written.")]
    public long? RecordCount { get; init; }

    [Description("Bytes written.")]
    public long? FileSize { get; init; }

    [Description("Where the file was delivered.")]
    public string? DestinationPath { get; init; }

    [Description("Why the run failed.")]
    public string? Error { get; init; }

    [Description("SHA-256 of the file, lowercase hex.")]
    public string? Checksum { get; init; }

    [Description("The file's name.")]
    public string? FileName { get; init; }

    [Description("The schedule occurrence the run belongs to.")]
    public DateTimeOffset? ScheduledAt { get; init; }

    [Description("1 for the first attempt.")]
    public int? Attempt { get; init; }
}
