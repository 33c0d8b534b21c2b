using System.Text.Json.Serialization;

namespace ExportJobs.Model;

/// <summary>What started a run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportRunTrigger>))]
public enum ExportRunTrigger
{
    /// <summary>The scheduler, at a cron occurrence.</summary>
    [JsonStringEnumMemberName("schedule")]
    Schedule,

    /// <summary>A user, through <c>POST /export-jobs/{id}/trigger</c> or code.</summary>
    [JsonStringEnumMemberName("manual")]
    Manual,

    /// <summary>An external runner that recorded the run through <c>POST /export-jobs/{id}/runs</c>.</summary>
    [JsonStringEnumMemberName("external")]
    External,

    /// <summary>The scheduler, retrying a failed run.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,
}
