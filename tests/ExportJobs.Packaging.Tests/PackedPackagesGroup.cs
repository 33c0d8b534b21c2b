namespace ExportJobs.Packaging.Tests;

/// <summary>Every test of this project shares one packed folder (packing is slow), and they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
