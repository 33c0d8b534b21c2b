using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>
/// Reads typed fields from a request object, reporting a wrong type or a missing required field under the field's
/// name instead of failing on the first one, so a response can list every bad field at once.
/// </summary>
internal sealed partial class JsonFieldReader(JsonObject body, ValidationErrors errors)
{
    public string? String(string name, bool required = false)
    {
        var node = Get(name, required, "a string");
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        return WrongType<string>(name, "a string", node);
    }

    public bool? Boolean(string name)
    {
        var node = Get(name, required: false, "true or false");
        return node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => WrongType<bool?>(name, "true or false", node),
        };
    }

    public long? Int64(string name)
    {
        var node = Get(name, required: false, "a whole number");
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node is JsonValue value && value.TryGetValue<long>(out var number))
        {
            return number;
        }

        return WrongType<long?>(name, "a whole number", node);
    }

    public int? Int32(string name)
    {
        var value = Int64(name);
        if (value is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)value;
        }

        errors.Add(name, $"'{name}' is out of range.");
        return null;
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        // ISO 8601 / RFC 3339 only, with an explicit offset: '1/2/2026' is January or February depending on who reads it,
        // and a time without offset is a different instant in every zone.
        if (IsoTimestamp().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors.Add(name, $"'{name}' must be an ISO 8601 timestamp with an offset, such as '2026-01-31T02:00:00Z' or '2026-01-31T03:00:00+01:00'.");
        return null;
    }

    public JsonObject? Object(string name, bool required = false)
    {
        var node = Get(name, required, "an object");
        return node switch
        {
            null => null,
            JsonObject obj => (JsonObject)obj.DeepClone(),
            _ => WrongType<JsonObject>(name, "an object", node),
        };
    }

    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        var obj = Object(name);
        if (obj is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (value?.GetValueKind() == JsonValueKind.String)
            {
                map[key] = value.GetValue<string>();
            }
            else
            {
                errors.Add(name, $"'{name}' must map names to strings, e.g. {{\"dim-language\": \"seg-en\"}}; '{key}' is not a string.");
            }
        }

        return map;
    }

    /// <summary>Reads <c>columns</c>: an array of <c>{ "source": "…", "header": "…", "default": … }</c> objects.</summary>
    public IReadOnlyList<ExportJobColumn>? Columns(string name)
    {
        var node = Get(name, required: false, "an array");
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            return WrongType<IReadOnlyList<ExportJobColumn>>(name, "an array of columns such as [{\"source\": \"name\", \"header\": \"Name\"}]", node);
        }

        var columns = new List<ExportJobColumn>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var field = $"{name}[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(field, $"'{field}' must be an object such as {{\"source\": \"name\"}}.");
                columns.Add(null!);
                continue;
            }

            var reader = new JsonFieldReader(item, errors.Scope(field));
            var source = reader.String("source", required: true);
            var header = reader.String("header");
            JsonValue? fallback = null;
            if (item.TryGetPropertyValue("default", out var value) && value is not null)
            {
                if (value is JsonValue scalar && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    fallback = (JsonValue)scalar.DeepClone();
                }
                else
                {
                    errors.Add(field + ".default", $"'{field}.default' must be a string, a number or true/false, not a JSON {value.GetValueKind().ToString().ToLowerInvariant()}.");
                }
            }

            foreach (var (key, _) in item)
            {
                if (key is not ("source" or "header" or "default"))
                {
                    errors.Add(field + "." + key, $"'{key}' is not a column setting; a column has 'source', 'header' and 'default'.");
                }
            }

            columns.Add(new ExportJobColumn(source ?? string.Empty) { Header = header, Default = fallback });
        }

        return columns;
    }

    public TEnum? Enum<TEnum>(string name, IReadOnlyDictionary<string, TEnum> values, bool required = false)
        where TEnum : struct
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        errors.Add(name, $"'{text}' is not a valid {name}. Use one of: {string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}.");
        return null;
    }

    private JsonNode? Get(string name, bool required, string expected)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                errors.Add(name, $"'{name}' is required and must be {expected}.");
            }

            return null;
        }

        return node;
    }

    private T? WrongType<T>(string name, string expected, JsonNode node)
    {
        errors.Add(name, $"'{name}' must be {expected}, not a JSON {node.GetValueKind().ToString().ToLowerInvariant()}.");
        return default;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IsoTimestamp();
}
