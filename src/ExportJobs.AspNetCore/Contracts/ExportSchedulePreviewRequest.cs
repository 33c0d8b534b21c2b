using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of <c>POST /export-jobs/schedule</c>, as described in the OpenAPI document (read field by field by the handler).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportSchedulePreviewRequest
{
    [Description("A 5-field cron expression or macro (@daily, @hourly, ...), as a job's schedule.")]
    public required string Schedule { get; init; }

    [Description("An IANA time zone id, as a job's timeZone; the library's default zone when absent or null.")]
    public string? TimeZone { get; init; }
}
