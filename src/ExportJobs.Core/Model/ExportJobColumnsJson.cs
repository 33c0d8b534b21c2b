using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.Model;

/// <summary>
/// The stable JSON text of a job's <see cref="ExportJobDefinition.Columns"/>, for stores:
/// <c>[{"source":"name","header":"Product name","default":""}]</c>, or <see langword="null"/> for a job without columns.
/// </summary>
public static class ExportJobColumnsJson
{
    /// <summary>Writes <paramref name="columns"/> as JSON text; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="columns">The job's columns.</param>
    public static string? Serialize(IReadOnlyList<ExportJobColumn>? columns)
    {
        if (columns is null)
        {
            return null;
        }

        var array = new JsonArray();
        foreach (var column in columns)
        {
            var item = new JsonObject { ["source"] = column.Source };
            if (column.Header is not null)
            {
                item["header"] = column.Header;
            }

            if (column.Default is not null)
            {
                item["default"] = column.Default.DeepClone();
            }

            array.Add(item);
        }

        return array.ToJsonString();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; <see langword="null"/> (a job stored without columns) stays <see langword="null"/>.</summary>
    /// <param name="json">The stored text.</param>
    /// <exception cref="JsonException">The text is not a columns array.</exception>
    public static IReadOnlyList<ExportJobColumn>? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var array = JsonNode.Parse(json) as JsonArray ?? throw new JsonException("The stored columns are not a JSON array.");
        var columns = new List<ExportJobColumn>(array.Count);
        foreach (var node in array)
        {
            var item = node as JsonObject ?? throw new JsonException("A stored column is not a JSON object.");
            columns.Add(new ExportJobColumn(item["source"]?.GetValue<string>() ?? string.Empty)
            {
                Header = item["header"]?.GetValue<string>(),
                Default = item["default"] is JsonValue value ? (JsonValue)value.DeepClone() : null,
            });
        }

        return columns;
    }
}
