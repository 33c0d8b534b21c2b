using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>
/// What the bodies of <c>POST /export-jobs/{id}/runs</c> (<see cref="ExportRunReportRequest"/>) and
/// <c>PATCH /export-jobs/{id}/runs/{runId}</c> (<see cref="ExportRunCompletionRequest"/>) say alike about a run's
/// delivered file, as described in the OpenAPI document; both are read by <see cref="ExportRunRequestReader"/>.
/// </summary>
internal abstract record ExportRunDeliveryRequest
{
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
