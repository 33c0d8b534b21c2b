using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Destinations.Common;

/// <summary>Reads typed settings from a <c>destinationConfig</c>, reporting wrong types and missing values per field.</summary>
/// <remarks>Messages name the setting and the expected type but never echo the value (it may be a secret).</remarks>
internal static class JsonSettings
{
    /// <summary>Reads a stored <c>destinationConfig</c> with <paramref name="read"/>, or throws naming every problem (config changed behind the API).</summary>
    public static T ReadOrThrow<T>(string destinationType, Func<ValidationErrors, T?> read)
        where T : class
    {
        var errors = new ValidationErrors();
        return read(errors)
            ?? throw new ExportDeliveryException($"The {destinationType} destinationConfig is invalid: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
    }

    public static string? String(JsonObject config, string name, ValidationErrors errors, bool required = false)
    {
        var node = config[name];
        if (node is null)
        {
            if (required)
            {
                errors.Add(name, $"'{name}' is required.");
            }

            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(name, $"'{name}' must be a string.");
            return null;
        }

        var text = value.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(name, $"'{name}' is required and must not be empty.");
            }

            return null;
        }

        return text;
    }

    public static bool? Bool(JsonObject config, string name, ValidationErrors errors)
    {
        var node = config[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        errors.Add(name, $"'{name}' must be true or false.");
        return null;
    }

    public static int? Int(JsonObject config, string name, ValidationErrors errors, int min, int max)
    {
        var node = config[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(name, $"'{name}' must be a whole number from {min} to {max}.");
        return null;
    }

    public static IReadOnlyDictionary<string, string>? StringMap(JsonObject config, string name, ValidationErrors errors)
    {
        var node = config[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject map || map.Any(p => p.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            errors.Add(name, $"'{name}' must be an object whose values are strings, e.g. {{\"X-Api-Key\": \"...\"}}.");
            return null;
        }

        return map.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
    }

    public static void RejectUnknown(JsonObject config, IReadOnlyCollection<string> known, ValidationErrors errors)
    {
        foreach (var (name, _) in config)
        {
            if (!known.Contains(name))
            {
                errors.Add(name, $"'{name}' is not a setting of this destination. Known settings: {string.Join(", ", known)}.");
            }
        }
    }
}
