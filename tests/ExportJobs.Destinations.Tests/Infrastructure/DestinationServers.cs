using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// One s3rver, one Azurite and one sshd for every test class that needs a server: started once, stopped after the last
/// class. Every test uses its own bucket, container or folder, so they do not see each other's files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DestinationServers : ICollectionFixture<S3rverServer>, ICollectionFixture<AzuriteServer>, ICollectionFixture<SshdServer>
{
    public const string Name = "Destination servers";
}
