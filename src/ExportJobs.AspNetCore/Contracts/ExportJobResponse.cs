using System.Text.Json.Nodes;
using ExportJobs.Management;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>A job as the API returns it: the request fields plus id, version, timestamps, next run and last run; secrets masked.</summary>
/// <remarks><c>version</c> is also the response's <c>ETag</c> (<c>"3"</c>), to send back in <c>If-Match</c>.</remarks>
internal sealed record ExportJobResponse(
    string Id,
    string Name,
    string? Description,
    string DestinationType,
    JsonObject DestinationConfig,
    string Format,
    string? SchemaId,
    string? CatalogId,
    IReadOnlyDictionary<string, string>? DimensionScope,
    string Schedule,
    string? TimeZone,
    bool IncludeVariants,
    bool Compress,
    string FilenameTemplate,
    bool Active,
    ExportMode Mode,
    IReadOnlyList<ExportJobColumn>? Columns,
    ExportHeaders Headers,
    ExportRetention? Retention,
    bool SkipEmpty,
    ExportSplit? Split,
    bool Manifest,
    IReadOnlyList<ExportJobNotificationContract>? Notifications,
    string? PausedReason,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextRunAt,
    ExportRunSummary? LastRun)
{
    public static ExportJobResponse From(ExportJobView view)
    {
        var job = view.Job;
        return new ExportJobResponse(
            job.Id,
            job.Name,
            job.Description,
            job.DestinationType,
            job.DestinationConfig,
            job.Format,
            job.SchemaId,
            job.CatalogId,
            job.DimensionScope,
            job.Schedule,
            job.TimeZone,
            job.IncludeVariants,
            job.Compress,
            job.FilenameTemplate,
            job.Active,
            job.Mode,
            job.Columns,
            job.Headers,
            job.Retention,
            job.SkipEmpty,
            job.Split,
            job.Manifest,
            job.Notifications?.Select(ExportJobNotificationContract.From).ToList(),
            job.PausedReason,
            job.Version,
            job.CreatedAt,
            job.UpdatedAt,
            view.NextRunAt,
            view.LastRun);
    }
}
