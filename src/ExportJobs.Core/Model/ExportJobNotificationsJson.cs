using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.Model;

/// <summary>
/// The stable JSON text of a job's <see cref="ExportJobDefinition.Notifications"/>, for stores:
/// <c>[{"type":"webhook","on":["failed"],"settings":{"url":"…","secret":{"$protected":"…"}}}]</c>; <c>[]</c> for a job
/// that opted out of the host's channels, <see langword="null"/> for a job that uses them.
/// </summary>
/// <remarks>Settings are written as the store is given them (secrets already sealed), and read back as written.</remarks>
public static class ExportJobNotificationsJson
{
    /// <summary>Writes <paramref name="notifications"/> as JSON text; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="notifications">The job's notification channels.</param>
    public static string? Serialize(IReadOnlyList<ExportJobNotification>? notifications)
    {
        if (notifications is null)
        {
            return null;
        }

        var array = new JsonArray();
        foreach (var notification in notifications)
        {
            array.Add(new JsonObject
            {
                ["type"] = notification.Type,
                ["on"] = new JsonArray([.. notification.On.Select(e => (JsonNode?)JsonValue.Create(e))]),
                ["settings"] = notification.Settings.DeepClone(),
            });
        }

        return array.ToJsonString();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; <see langword="null"/> (a job stored before notifications existed) stays <see langword="null"/>.</summary>
    /// <param name="json">The stored text.</param>
    /// <exception cref="JsonException">The text is not what <see cref="Serialize"/> writes.</exception>
    public static IReadOnlyList<ExportJobNotification>? Deserialize(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonArray array)
        {
            return null;
        }

        return array.Select(item => item is JsonObject entry
            ? new ExportJobNotification
            {
                Type = entry["type"]?.GetValue<string>() ?? string.Empty,
                On = entry["on"] is JsonArray on ? on.Select(e => e?.GetValue<string>() ?? string.Empty).ToArray() : [],
                Settings = entry["settings"] is JsonObject settings ? (JsonObject)settings.DeepClone() : [],
            }
            : throw new JsonException("A stored notification channel is not a JSON object.")).ToArray();
    }
}
