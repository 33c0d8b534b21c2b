using System.Text.Json.Nodes;
using ExportJobs.Validation;

namespace ExportJobs.Secrets;

/// <summary>Masks, restores and scrubs the secret settings of a <c>destinationConfig</c>.</summary>
/// <remarks>
/// Secrets are the settings a destination names in <see cref="Extensibility.IExportDestination.SecretSettings"/>.
/// Responses show them as <see cref="Mask"/>; a PUT that sends the mask back keeps the stored value.
/// </remarks>
internal static class DestinationSecrets
{
    /// <summary>What a secret looks like in a response.</summary>
    public const string Mask = "********";

    /// <summary>Returns a copy of <paramref name="config"/> with every secret setting that has a value replaced by <see cref="Mask"/>.</summary>
    /// <param name="config">The stored settings.</param>
    /// <param name="secretSettings">The secret setting names.</param>
    public static JsonObject MaskSecrets(JsonObject config, IReadOnlyCollection<string> secretSettings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretSettings);
        var copy = (JsonObject)config.DeepClone();
        foreach (var name in secretSettings)
        {
            if (copy.TryGetPropertyValue(name, out var value) && value is not null)
            {
                copy[name] = Mask;
            }
        }

        return copy;
    }

    /// <summary>
    /// Returns a copy of <paramref name="incoming"/> where every secret sent as <see cref="Mask"/> is replaced by the
    /// value in <paramref name="stored"/>. A mask with no stored value behind it is reported, and so is a mask sent
    /// while one of <paramref name="endpointSettings"/> changed (the secret would go to another endpoint).
    /// </summary>
    /// <param name="incoming">The settings of a PUT.</param>
    /// <param name="stored">The settings stored before, or <see langword="null"/> on create.</param>
    /// <param name="secretSettings">The secret setting names.</param>
    /// <param name="errors">Reports masks that cannot be restored (scoped to <c>destinationConfig</c>).</param>
    /// <param name="endpointSettings">The settings that say where secrets are sent (<see cref="Extensibility.IExportDestination.EndpointSettings"/>).</param>
    public static JsonObject RestoreMasked(JsonObject incoming, JsonObject? stored, IReadOnlyCollection<string> secretSettings, ValidationErrors errors, IReadOnlyCollection<string>? endpointSettings = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(secretSettings);
        ArgumentNullException.ThrowIfNull(errors);
        var copy = (JsonObject)incoming.DeepClone();
        var moved = stored is null ? null : (endpointSettings ?? []).FirstOrDefault(name => !JsonNode.DeepEquals(incoming[name], stored[name]));
        foreach (var name in secretSettings)
        {
            if (!IsMask(copy[name]))
            {
                continue;
            }

            if (stored is null || !stored.TryGetPropertyValue(name, out var previous) || previous is null)
            {
                errors.Add(name, $"'{Mask}' stands for a stored secret, but none is stored for '{name}'. Send the real value.");
            }
            else if (moved is not null)
            {
                errors.Add(name, $"'{Mask}' keeps the stored '{name}' only while '{moved}' is unchanged; '{moved}' changed, so send the real value.");
            }
            else
            {
                copy[name] = previous.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>Replaces every secret value of <paramref name="config"/> that occurs in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    /// <param name="text">A message, for example an exception's.</param>
    /// <param name="config">The settings whose secrets must not appear.</param>
    /// <param name="secretSettings">The secret setting names.</param>
    public static string Scrub(string text, JsonObject config, IReadOnlyCollection<string> secretSettings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretSettings);
        foreach (var name in secretSettings)
        {
            foreach (var secret in SecretStrings(config[name]))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static bool IsMask(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && s == Mask;

    private static IEnumerable<string> SecretStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var s) && s.Length >= 4:
                yield return s;
                break;
            case JsonObject obj:
                foreach (var child in obj.SelectMany(p => SecretStrings(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(SecretStrings))
                {
                    yield return child;
                }

                break;
        }
    }
}
