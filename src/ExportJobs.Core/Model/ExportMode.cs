using System.Text.Json.Serialization;

namespace ExportJobs.Model;

/// <summary>Which records a run exports.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportMode>))]
public enum ExportMode
{
    /// <summary>Every record in the job's scope (<c>"full"</c>).</summary>
    [JsonStringEnumMemberName("full")]
    Full,

    /// <summary>Only records updated since the start of the job's last successful run (<c>"changes"</c>); the first run exports everything.</summary>
    [JsonStringEnumMemberName("changes")]
    Changes,
}
