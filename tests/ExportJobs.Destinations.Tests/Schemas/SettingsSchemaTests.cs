using System.Text.Json.Nodes;
using ExportJobs.Destinations.AzureBlob;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Sftp;
using ExportJobs.Destinations.Webhook;
using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Schemas;

/// <summary>
/// Each standard destination's settings schema (destination contract v2) lists exactly the settings its validator accepts,
/// with the types the validator reads, its required settings and its secrets, and keeps to the subset the library serves.
/// </summary>
public sealed class SettingsSchemaTests : IDisposable
{
    private readonly ServiceProvider _services;

    public SettingsSchemaTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs().AddStandardDestinations();
        _services = services.BuildServiceProvider();
    }

    /// <summary>Each type with the settings its validator knows (its own list, which <c>RejectUnknown</c> enforces).</summary>
    public static TheoryData<string, string[]> Types => new()
    {
        { "s3", S3DestinationSettingsValidator.Known },
        { "azure-blob", AzureBlobDestinationSettingsValidator.Known },
        { "sftp", SftpDestinationSettingsValidator.Known },
        { "webhook", WebhookDestinationSettingsValidator.Known },
    };

    public void Dispose() => _services.Dispose();

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_KeepsToTheServedSubset(string type, string[] known)
    {
        _ = known;
        var schema = Schema(type);

        Assert.Empty(SettingsSchemaSubset.Problems(schema));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_ListsExactlyTheSettingsTheValidatorAccepts(string type, string[] known)
    {
        var destination = Destination(type);
        var properties = Properties(type);

        Assert.Equal(known.Order(StringComparer.Ordinal), properties.Select(p => p.Key).Order(StringComparer.Ordinal));

        // The validator accepts each of them as a setting (it does not call it unknown)...
        foreach (var (name, _) in properties)
        {
            var errors = Validate(destination, new JsonObject { [name] = Sample(properties[name]!.AsObject()) });
            Assert.False(errors.TryGetValue(name, out var messages) && messages.Any(m => m.Contains("not a setting", StringComparison.Ordinal)), $"{type}: the validator calls '{name}' unknown");
        }

        // ...and refuses a name the schema does not list.
        Assert.Contains("notInTheSchema", Validate(destination, new JsonObject { ["notInTheSchema"] = "x" }).Keys);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_TypesAreTheOnesTheValidatorReads(string type, string[] known)
    {
        _ = known;
        var destination = Destination(type);
        foreach (var (name, node) in Properties(type))
        {
            // A value of another JSON type is reported under the setting, with the type the schema says.
            var property = node!.AsObject();
            var kind = property["type"]!.GetValue<string>();
            JsonNode wrong = kind == "string" ? 12345 : "not-a-" + kind;
            var errors = Validate(destination, new JsonObject { [name] = wrong });
            var expected = kind switch { "string" => "must be a string", "integer" => "must be a whole number", "boolean" => "must be true or false", _ => "must be an object" };
            Assert.True(errors.TryGetValue(name, out var messages) && messages.Any(m => m.Contains(expected, StringComparison.Ordinal)), $"{type}.{name}: a {wrong.GetValueKind()} was not refused as '{expected}': {string.Join(" | ", messages ?? [])}");

            if (kind == "integer")
            {
                var minimum = property["minimum"]!.GetValue<long>();
                var maximum = property["maximum"]!.GetValue<long>();
                Assert.Contains(name, Validate(destination, new JsonObject { [name] = minimum - 1 }).Keys);
                Assert.Contains(name, Validate(destination, new JsonObject { [name] = maximum + 1 }).Keys);
                Assert.DoesNotContain(name, Validate(destination, new JsonObject { [name] = minimum }).Keys);
                Assert.DoesNotContain(name, Validate(destination, new JsonObject { [name] = maximum }).Keys);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_RequiredAreTheSettingsTheValidatorRequires(string type, string[] known)
    {
        _ = known;
        var schema = Schema(type);
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        var errors = Validate(Destination(type), []);

        foreach (var (name, _) in Properties(type))
        {
            var saysRequired = errors.TryGetValue(name, out var messages) && messages.Any(m => m.StartsWith($"'{name}' is required", StringComparison.Ordinal));
            Assert.True(required.Contains(name) == saysRequired, $"{type}.{name}: schema required = {required.Contains(name)}, validator requires = {saysRequired}");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_MarksExactlyTheSecretSettingsWriteOnly(string type, string[] known)
    {
        _ = known;
        var writeOnly = Properties(type).Where(p => p.Value!["writeOnly"]?.GetValue<bool>() == true).Select(p => p.Key);

        Assert.Equal(Destination(type).SecretSettings.Order(StringComparer.Ordinal), writeOnly.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Schema_Defaults_AreAcceptedByTheValidator(string type, string[] known)
    {
        _ = known;
        var destination = Destination(type);
        foreach (var (name, node) in Properties(type))
        {
            if (node!["default"] is { } value)
            {
                Assert.DoesNotContain(name, Validate(destination, new JsonObject { [name] = value.DeepClone() }).Keys);
            }

            if (node["enum"] is JsonArray values)
            {
                foreach (var option in values)
                {
                    Assert.DoesNotContain(name, Validate(destination, new JsonObject { [name] = option!.DeepClone() }).Keys);
                }

                Assert.Contains(name, Validate(destination, new JsonObject { [name] = "NOT-AN-OPTION" }).Keys);
            }
        }
    }

    private IExportDestination Destination(string type) => _services.GetRequiredKeyedService<IExportDestination>(type);

    private JsonObject Schema(string type) => Assert.IsType<JsonObject>(Destination(type).SettingsSchema);

    private JsonObject Properties(string type) => Schema(type)["properties"]!.AsObject();

    private static Dictionary<string, string[]> Validate(IExportDestination destination, JsonObject config)
    {
        // Parsed from text, as the API hands it over (a JsonValue made from a long is not read as an int).
        var errors = new ValidationErrors();
        destination.Validate(JsonNode.Parse(config.ToJsonString())!.AsObject(), errors);
        return errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value);
    }

    private static JsonNode Sample(JsonObject property) => property["type"]!.GetValue<string>() switch
    {
        "integer" => property["minimum"]!.GetValue<long>(),
        "boolean" => true,
        "object" => new JsonObject { ["X-Test"] = "1" },
        _ => property["enum"] is JsonArray values ? values[0]!.DeepClone() : "value",
    };
}
