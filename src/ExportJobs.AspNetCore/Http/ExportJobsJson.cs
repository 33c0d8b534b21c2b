using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportJobs.AspNetCore.Http;

/// <summary>The JSON settings of the API: camelCase names, enum values as in the spec (<c>"running"</c>, <c>"changes"</c>).</summary>
/// <remarks>The API uses its own options so that it looks the same whatever the host configured for its own endpoints.</remarks>
internal static class ExportJobsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
