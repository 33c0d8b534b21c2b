using System.Text.RegularExpressions;

namespace ExportJobs.Packaging.Tests;

/// <summary>
/// The templates package as a plugin author uses it: <c>dotnet new install</c> from the packed folder (into a template
/// hive of the test's own), <c>dotnet new</c>, then <c>dotnet test</c> of the created test project, which restores
/// this run's packages and must pass every test of its conformance kit.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed partial class TemplateTests(PackedPackages packages)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);

    [Theory]
    [InlineData("exportjobs-destination", "Acme.Exports.Share", "--typeName", "acme-share", 10)]
    [InlineData("exportjobs-format", "Acme.Exports.Ndjson", "--formatName", "acme-ndjson", 5)]
    public async Task NewPlugin_FromTheTemplate_PassesItsKit(string template, string name, string option, string value, int minimumTests)
    {
        var root = packages.NewFolder("template");
        var hive = Path.Combine(root, ".templates");
        var environment = packages.Environment(root);
        packages.WriteNuGetConfig(root);
        var templates = Path.Combine(packages.Folder, $"ExportJobs.Templates.{packages.Version}.nupkg");
        await DotNet.RunCheckedAsync(root, ["new", "install", templates, "--debug:custom-hive", hive], environment, Bound);

        await DotNet.RunCheckedAsync(root, ["new", template, "-n", name, option, value, "--debug:custom-hive", hive], environment, Bound);

        var project = Path.Combine(root, name);
        Assert.Contains(packages.Version, await File.ReadAllTextAsync(Path.Combine(project, name, name + ".csproj")), StringComparison.Ordinal);
        Assert.Contains(value, string.Concat(Directory.GetFiles(Path.Combine(project, name), "*.cs").Select(File.ReadAllText)), StringComparison.Ordinal);
        var output = await DotNet.RunCheckedAsync(Path.Combine(project, name + ".Tests"), ["test", "-nologo"], environment, Bound);
        var passed = Passed().Match(output);
        Assert.True(passed.Success, output);
        Assert.True(int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= minimumTests, output);
        Assert.Matches(@"Failed:\s+0\b", output);
    }

    [GeneratedRegex(@"Passed:\s+(\d+)")]
    private static partial Regex Passed();
}
