using System.Text.Json;

namespace ExportJobs.Notifications.Tests.Infrastructure;

/// <summary>
/// Checks a payload against the shipped JSON Schema file (the subset it uses: required, additionalProperties false,
/// const, enum, type with null), so that the schema and the payload cannot drift apart.
/// </summary>
public static class PayloadSchema
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "export-notification-v1.schema.json"))));

    public static void AssertValid(JsonElement payload)
    {
        var schema = Schema.Value.RootElement;
        var properties = schema.GetProperty("properties");
        var required = schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        var names = payload.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(required.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var property in payload.EnumerateObject())
        {
            Assert.True(properties.TryGetProperty(property.Name, out var rule), $"'{property.Name}' is not in the schema.");
            var value = property.Value;
            if (rule.TryGetProperty("const", out var constant))
            {
                Assert.Equal(constant.GetRawText(), value.GetRawText());
            }

            if (rule.TryGetProperty("enum", out var allowed))
            {
                Assert.Contains(value.GetRawText(), allowed.EnumerateArray().Select(a => a.GetRawText()));
            }

            if (rule.TryGetProperty("type", out var type))
            {
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
                Assert.True(types.Contains(TypeOf(value)), $"'{property.Name}' is {TypeOf(value)}, the schema says {string.Join("|", types)}.");
            }
        }
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        _ => "array",
    };
}
