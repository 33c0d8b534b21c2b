using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ExportJobs.Packaging.Tests;

/// <summary>What the gallery shows of each package, read from the packed .nupkg files themselves.</summary>
[Collection(PackedPackagesGroup.Name)]
public sealed partial class PackageMetadataTests(PackedPackages packages)
{
    // Every folder under src/ is a package.
    private static readonly string[] Expected =
        [.. Directory.GetDirectories(Path.Combine(ExportJobs.Testing.Servers.RepositoryPaths.Root, "src")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Pack_PrintsNoWarning()
    {
        var warnings = packages.PackOutput.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.True(warnings.Count == 0, "dotnet pack warned:\n" + string.Join('\n', warnings));
    }

    [Fact]
    public void Pack_MakesEveryPackage_AndASymbolPackageForEachLibrary()
    {
        var files = Directory.GetFiles(packages.Folder).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Expected.Select(id => $"{id}.{packages.Version}.nupkg").Order(StringComparer.Ordinal), files.Where(f => f!.EndsWith(".nupkg", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(Expected.Where(id => id != "ExportJobs.Templates").Select(id => $"{id}.{packages.Version}.snupkg").Order(StringComparer.Ordinal), files.Where(f => f!.EndsWith(".snupkg", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Nuspec_CarriesTheGalleryMetadata(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
        var nuspec = Read(package, id + ".nuspec");
        XNamespace ns = nuspec.Root!.Name.NamespaceName;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string? Value(string name) => metadata.Element(ns + name)?.Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal(packages.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        var repository = metadata.Element(ns + "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
        Assert.Equal("icon.png", Value("icon"));
        Assert.NotNull(package.GetEntry("icon.png"));
        Assert.Equal("README.md", Value("readme"));
        var readme = ReadText(package, "README.md");
        Assert.StartsWith("# " + id, readme, StringComparison.Ordinal);
        var relative = RelativeLink().Matches(readme).Select(m => m.Value).ToList();
        Assert.True(relative.Count == 0, "The README links relatively, which breaks on the gallery: " + string.Join(", ", relative));
        if (id != "ExportJobs.Templates")
        {
            Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
            Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
        }
    }

    [Fact]
    public void Dependencies_BetweenThePackages_AreOfThisVersion()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"ExportJobs.Testing.{packages.Version}.nupkg"));
        var nuspec = Read(package, "ExportJobs.Testing.nuspec");

        var core = nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "ExportJobs.Core");
        Assert.Equal(packages.Version, core.Attribute("version")!.Value);
    }

    public static TheoryData<string> Ids() => [.. Expected];

    private static XDocument Read(ZipArchive package, string entry)
    {
        using var stream = package.GetEntry(entry)!.Open();
        return XDocument.Load(stream);
    }

    private static string ReadText(ZipArchive package, string entry)
    {
        var file = package.GetEntry(entry);
        Assert.NotNull(file);
        using var reader = new StreamReader(file.Open());
        return reader.ReadToEnd();
    }

    // A Markdown link or image whose target is neither absolute nor an anchor in the page.
    [GeneratedRegex(@"\]\((?!https?://|#)[^)]*\)")]
    private static partial Regex RelativeLink();
}
