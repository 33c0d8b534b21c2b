using System.Text.Json.Nodes;
using ExportJobs.Registration;

namespace ExportJobs.Core.Tests.Registration;

/// <summary>The subset of JSON Schema a destination's settings schema must keep to (the Core README's table).</summary>
public sealed class SettingsSchemaSubsetTests
{
    private const string Good = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object", "title": "T", "description": "D",
          "properties": {
            "s": { "type": "string", "title": "S", "description": "d", "default": "x", "enum": ["x", "y"] },
            "u": { "type": "string", "format": "uri" },
            "k": { "type": "string", "contentMediaType": "application/x-pem-file", "writeOnly": true },
            "i": { "type": "integer", "minimum": 1, "maximum": 9, "default": 3 },
            "b": { "type": "boolean", "default": false },
            "m": { "type": "object", "additionalProperties": { "type": "string" } }
          },
          "required": ["s"],
          "additionalProperties": false
        }
        """;

    [Fact]
    public void EveryKeywordOfTheSubset_IsAccepted() => Assert.Empty(SettingsSchemaSubset.Problems(Parse(Good)));

    [Theory]
    [InlineData("$.type", "\"array\"", "The root's 'type'")]
    [InlineData("$.oneOf", "[]", "'oneOf'")]
    [InlineData("$.properties.s.pattern", "\"^a\"", "'pattern'")]
    [InlineData("$.properties.s.type", "\"number\"", "'s' must have a 'type'")]
    [InlineData("$.properties.i.default", "\"3\"", "'default' must be of its type")]
    [InlineData("$.properties.i.minimum", "1.5", "'minimum'")]
    [InlineData("$.properties.s.format", "\"email\"", "'format'")]
    [InlineData("$.properties.i.enum", "[1]", "'enum'")]
    [InlineData("$.properties.m.additionalProperties", "{\"type\": \"integer\"}", "map of strings")]
    [InlineData("$.properties.b.additionalProperties", "false", "'additionalProperties' is for object settings")]
    [InlineData("$.properties.k.writeOnly", "\"yes\"", "'writeOnly'")]
    [InlineData("$.required", "[\"nope\"]", "'nope'")]
    [InlineData("$.additionalProperties", "true", "'additionalProperties' must be false")]
    [InlineData("$.$schema", "\"http://json-schema.org/draft-07/schema#\"", "'$schema'")]
    public void AnythingElse_IsAProblem_NamingIt(string path, string value, string expected)
    {
        var schema = Parse(Good);
        var parts = path[2..].Split('.');
        var target = schema;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[parts[^1]] = JsonNode.Parse(value);

        var problems = SettingsSchemaSubset.Problems(schema);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Served_MarksSecretsWriteOnly_OnACopy()
    {
        var schema = Parse(Good);

        var served = SettingsSchemaSubset.Served(schema, ["s", "absent"]);

        Assert.True(served["properties"]!["s"]!["writeOnly"]!.GetValue<bool>());
        Assert.Null(schema["properties"]!["s"]!["writeOnly"]);
        Assert.Null(served["properties"]!["absent"]);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
