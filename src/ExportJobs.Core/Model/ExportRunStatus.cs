using System.Text.Json.Serialization;

namespace ExportJobs.Model;

/// <summary>The state of a run: <c>"running"</c>, <c>"success"</c> or <c>"failed"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportRunStatus>))]
public enum ExportRunStatus
{
    /// <summary>The run has started and not yet ended.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The file was written and delivered.</summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>The run ended with an error; <see cref="ExportRun.Error"/> says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
