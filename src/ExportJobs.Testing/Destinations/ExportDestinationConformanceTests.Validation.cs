using System.Text.Json.Nodes;
using ExportJobs.Validation;
using Xunit;

namespace ExportJobs.Testing.Destinations;

public abstract partial class ExportDestinationConformanceTests
{
    [Fact]
    public void Validate_ConfigAndFailingConfig_ReportNothing()
    {
        Assert.Empty(Validate(CreateConfig()));
        Assert.Empty(Validate(CreateFailingConfig()));
    }

    [Fact]
    public void Validate_EmptyConfig_ReportsEveryRequiredSettingByName()
    {
        var errors = Validate(new JsonObject());

        foreach (var name in RequiredSettings)
        {
            Assert.True(errors.ContainsKey("destinationConfig." + name), $"No error under destinationConfig.{name}; reported: {string.Join(", ", errors.Keys)}");
        }

        Assert.Equal(RequiredSettings.Count > 0, errors.Count > 0);
    }

    [Fact]
    public void Validate_EachSettingOfTheWrongType_IsReportedUnderItsName()
    {
        // A JSON array is the wrong type for every scalar setting; the destination must report it by name, not throw.
        var valid = CreateConfig();
        foreach (var (name, value) in valid)
        {
            if (value is not JsonValue)
            {
                continue;
            }

            var config = CreateConfig();
            config[name] = new JsonArray(1, "two");

            var errors = Validate(config);

            Assert.True(
                errors.Keys.Any(k => k == "destinationConfig." + name || k.StartsWith("destinationConfig." + name + ".", StringComparison.Ordinal)),
                $"A JSON array as '{name}' was not reported under destinationConfig.{name}; reported: {string.Join(", ", errors.Keys)}");
            Assert.All(errors.Keys, k => Assert.StartsWith("destinationConfig.", k, StringComparison.Ordinal));
        }
    }

    /// <summary>Validates <paramref name="config"/> the way the library does (into the <c>destinationConfig</c> scope).</summary>
    /// <param name="config">The settings.</param>
    protected IDictionary<string, string[]> Validate(JsonObject config)
    {
        var errors = new ValidationErrors();
        Destination.Validate(config, errors.Scope("destinationConfig"));
        return errors.ToDictionary();
    }
}
