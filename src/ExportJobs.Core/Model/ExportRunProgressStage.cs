using System.Text.Json.Serialization;

namespace ExportJobs.Model;

/// <summary>Where a running run is: <c>"source"</c>, <c>"writer"</c>, <c>"delivery"</c> or <c>"recording"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportRunProgressStage>))]
public enum ExportRunProgressStage
{
    /// <summary>Asking the record source for its columns, before the file is started.</summary>
    [JsonStringEnumMemberName("source")]
    Source,

    /// <summary>Reading records and writing the file (also while the source is slow): until the file is complete.</summary>
    [JsonStringEnumMemberName("writer")]
    Writer,

    /// <summary>The complete file is being handed to the destination.</summary>
    [JsonStringEnumMemberName("delivery")]
    Delivery,

    /// <summary>The outcome is being written to the store.</summary>
    [JsonStringEnumMemberName("recording")]
    Recording,
}
