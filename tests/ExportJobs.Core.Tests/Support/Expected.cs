using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Support;

/// <summary>What a record must read back as, built here independently of the library's writers.</summary>
internal static class Expected
{
    public static JsonObject For(ExportRecord record, IReadOnlyList<ExportColumn> columns, IReadOnlyDictionary<string, string>? scope)
    {
        var result = new JsonObject
        {
            ["id"] = record.Id,
            ["schemaId"] = record.SchemaId,
            ["parentId"] = record.ParentId,
            ["catalogIds"] = new JsonArray(record.CatalogIds.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["updatedAt"] = record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var column in columns)
        {
            result[column.Code] = record.Attributes.TryGetValue(column.Code, out var value) ? Node(value, scope) : null;
        }

        return result;
    }

    /// <summary>The same with every scalar as text, as CSV and XML carry them.</summary>
    public static JsonNode? AsText(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, AsText(p.Value)))),
        JsonArray a => new JsonArray(a.Select(AsText).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    public static string Normalize(JsonNode? node) => JsonNode.Parse(node?.ToJsonString() ?? "null")?.ToJsonString() ?? "null";

    private static JsonNode? Node(object? value, IReadOnlyDictionary<string, string>? scope)
    {
        switch (value)
        {
            case null:
                return null;
            case DimensionalValue d:
                foreach (var (dimension, segments) in d.Dimensions)
                {
                    if (scope is not null && scope.TryGetValue(dimension, out var segment))
                    {
                        return segments.TryGetValue(segment, out var chosen) ? Node(chosen, null) : null;
                    }
                }

                return new JsonObject(d.Dimensions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject(p.Value.Select(s => KeyValuePair.Create(s.Key, Node(s.Value, null)))))));
            case string s:
                return s;
            case bool b:
                return b;
            case int i:
                return i;
            case long l:
                return l;
            case decimal m:
                return m;
            case double x:
                return x;
            case DateOnly date:
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case DateTimeOffset time:
                return time.ToString("O", CultureInfo.InvariantCulture);
            case IReadOnlyDictionary<string, object?> map:
                return new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Node(p.Value, null))));
            case IEnumerable items:
                return new JsonArray(items.Cast<object?>().Select(i => Node(i, null)).ToArray());
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }
}
