using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.Registration;

/// <summary>
/// Checks that a destination's settings schema (<see cref="Extensibility.IExportDestination.SettingsSchema"/>) keeps to the
/// subset of JSON Schema 2020-12 the library serves and the dashboard turns into a form, and prepares the served copy.
/// </summary>
internal static class SettingsSchemaSubset
{
    /// <summary>The <c>$schema</c> a schema may name.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> RootKeywords = ["$schema", "type", "title", "description", "properties", "required", "additionalProperties"];

    private static readonly HashSet<string> PropertyKeywords = ["type", "title", "description", "default", "enum", "minimum", "maximum", "format", "contentMediaType", "writeOnly", "additionalProperties"];

    /// <summary>Every way <paramref name="schema"/> leaves the subset, as sentences; empty when it keeps to it.</summary>
    /// <param name="schema">The schema.</param>
    public static IReadOnlyList<string> Problems(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        foreach (var (name, _) in schema)
        {
            if (!RootKeywords.Contains(name))
            {
                problems.Add($"'{name}' is not a keyword of the settings schema subset at the root.");
            }
        }

        if (schema["$schema"] is { } dialect && !IsString(dialect, Dialect))
        {
            problems.Add($"'$schema' must be \"{Dialect}\" when given.");
        }

        if (!IsString(schema["type"], "object"))
        {
            problems.Add("The root's 'type' must be \"object\".");
        }

        CheckText(schema, "title", "The root", problems);
        CheckText(schema, "description", "The root", problems);
        if (schema["additionalProperties"] is { } additional && !(additional is JsonValue v && v.GetValueKind() == JsonValueKind.False))
        {
            problems.Add("The root's 'additionalProperties' must be false when given.");
        }

        if (schema["properties"] is not JsonObject properties)
        {
            problems.Add("'properties' must be an object naming each setting.");
            return problems;
        }

        foreach (var (name, node) in properties)
        {
            if (node is JsonObject property)
            {
                CheckProperty(name, property, problems);
            }
            else
            {
                problems.Add($"The property '{name}' must be a schema object.");
            }
        }

        if (schema["required"] is { } required)
        {
            if (required is not JsonArray names || names.Any(n => n is not JsonValue s || s.GetValueKind() != JsonValueKind.String))
            {
                problems.Add("'required' must be an array of property names.");
            }
            else
            {
                foreach (var missing in names.Select(n => n!.GetValue<string>()).Where(n => !properties.ContainsKey(n)))
                {
                    problems.Add($"'required' names '{missing}', which is not in 'properties'.");
                }
            }
        }

        return problems;
    }

    /// <summary>A copy of <paramref name="schema"/> with every secret setting marked <c>writeOnly: true</c>.</summary>
    /// <param name="schema">A schema that keeps to the subset.</param>
    /// <param name="secrets">The destination's secret settings.</param>
    public static JsonObject Served(JsonObject schema, IReadOnlyCollection<string> secrets)
    {
        var copy = schema.DeepClone().AsObject();
        if (copy["properties"] is JsonObject properties)
        {
            foreach (var secret in secrets)
            {
                if (properties[secret] is JsonObject property)
                {
                    property["writeOnly"] = true;
                }
            }
        }

        return copy;
    }

    private static void CheckProperty(string name, JsonObject property, List<string> problems)
    {
        var where = $"The property '{name}'";
        foreach (var (keyword, _) in property)
        {
            if (!PropertyKeywords.Contains(keyword))
            {
                problems.Add($"{where} uses '{keyword}', which is not a keyword of the settings schema subset.");
            }
        }

        var type = property["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (type is not ("string" or "integer" or "boolean" or "object"))
        {
            problems.Add($"{where} must have a 'type' of \"string\", \"integer\", \"boolean\" or \"object\".");
            return;
        }

        CheckText(property, "title", where, problems);
        CheckText(property, "description", where, problems);
        if (property["writeOnly"] is { } writeOnly && !(writeOnly is JsonValue w && w.GetValueKind() is JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{where}: 'writeOnly' must be true or false.");
        }

        if (property["default"] is { } value && !OfType(value, type))
        {
            problems.Add($"{where}: 'default' must be of its type, {type}.");
        }

        if (property["enum"] is { } values && (type != "string" || values is not JsonArray list || list.Count == 0 || list.Any(e => !OfType(e, "string"))))
        {
            problems.Add($"{where}: 'enum' is for strings: a non-empty array of strings.");
        }

        foreach (var bound in new[] { "minimum", "maximum" })
        {
            if (property[bound] is { } limit && (type != "integer" || !OfType(limit, "integer")))
            {
                problems.Add($"{where}: '{bound}' is for integers and must be a whole number.");
            }
        }

        if (property["format"] is { } format && (type != "string" || !IsString(format, "uri")))
        {
            problems.Add($"{where}: the only 'format' is \"uri\", for strings.");
        }

        if (property["contentMediaType"] is { } media && (type != "string" || !OfType(media, "string")))
        {
            problems.Add($"{where}: 'contentMediaType' (multi-line text) is for strings and must be a media type.");
        }

        var additional = property["additionalProperties"];
        if (type == "object" && !(additional is JsonObject map && map.Count == 1 && IsString(map["type"], "string")))
        {
            problems.Add($"{where}: an object setting is a map of strings: 'additionalProperties': {{ \"type\": \"string\" }}.");
        }
        else if (type != "object" && additional is not null)
        {
            problems.Add($"{where}: 'additionalProperties' is for object settings.");
        }
    }

    private static void CheckText(JsonObject node, string keyword, string where, List<string> problems)
    {
        if (node[keyword] is { } text && !OfType(text, "string"))
        {
            problems.Add($"{where}: '{keyword}' must be a string.");
        }
    }

    private static bool IsString(JsonNode? node, string expected) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == expected;

    private static bool OfType(JsonNode? node, string type) => node is JsonValue value && (type switch
    {
        "string" => value.GetValueKind() == JsonValueKind.String,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out _),
        _ => false,
    });
}
