using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Network;

/// <summary>
/// Every standard destination goes through the one address policy: literal addresses are refused by validation, host
/// names that resolve to refused addresses at connect time (names resolve only through the test's <see cref="TestNetwork"/>,
/// whose connector never opens a socket to a non-loopback address), and the host's allowlists open exactly what they name.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class DestinationAddressPolicyTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd) : IAsyncLifetime
{
    private const string Name = "target.example.test";
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "c-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = "policy-" + Guid.NewGuid().ToString("N")[..12];
    private WebhookReceiver _receiver = null!;
    private AmazonS3Client _s3 = null!;

    public static TheoryData<string> Types => ["s3", "azure-blob", "sftp", "webhook"];

    public static TheoryData<string, string> TypesAndRefusedLiterals()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { "s3", "azure-blob", "sftp", "webhook" })
        {
            foreach (var address in new[] { "127.0.0.1", "10.0.0.8", "169.254.169.254", "100.64.1.1", "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.51.100.2", "203.0.113.3", "240.0.0.1", "::1", "2001:db8::1", "fd00::1", "64:ff9b::a00:1", "2002:c0a8:101::1" })
            {
                data.Add(type, address);
            }
        }

        return data;
    }

    public static TheoryData<string, string> TypesAndRefusedResolutions()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { "s3", "azure-blob", "sftp", "webhook" })
        {
            foreach (var address in new[] { "127.0.0.1", "10.1.2.3", "169.254.169.254", "198.18.0.1", "::1", "fe80::1", "64:ff9b::7f00:1" })
            {
                data.Add(type, address);
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(200);
        _s3 = s3.CreateClient();
        await _s3.PutBucketAsync(_bucket);
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateAsync();
    }

    [Theory]
    [MemberData(nameof(TypesAndRefusedLiterals))]
    public void Validate_RefusedLiteralAddress_IsAnErrorOnTheEndpointSettingNamingTheHostSetting(string type, string address)
    {
        using var harness = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);

        var errors = harness.Validate(type, Config(type, address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address));

        var (field, messages) = Assert.Single(errors);
        Assert.Equal("destinationConfig." + EndpointSetting(type), field);
        Assert.Contains($"ExportJobs:Network:Destinations:{type}:Allow", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AzureConnectionStringWithALoopbackBlobEndpoint_IsAnErrorOnConnectionString()
    {
        using var harness = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);

        var errors = harness.Validate("azure-blob", new JsonObject { ["container"] = _container, ["connectionString"] = azurite.ConnectionString });

        Assert.Equal(["destinationConfig.connectionString"], errors.Keys);
        Assert.DoesNotContain(AzuriteServer.AccountKey, Assert.Single(errors.Values.Single()), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypesAndRefusedResolutions))]
    public async Task Deliver_HostNameResolvingToARefusedAddress_FailsNamingTheSettingWithoutConnecting(string type, string address)
    {
        using var harness = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);
        harness.Network.Names[Name] = [IPAddress.Parse(address)];
        using var file = await ExportFile.CreateAsync(10_000);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => harness.DeliverAsync(file, type, Config(type, Name)));

        Assert.Contains($"ExportJobs:Network:Destinations:{type}:Allow", error.Message, StringComparison.Ordinal);
        Assert.Contains(Name, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(address, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(harness.Network.Connections);
        Assert.Empty(_receiver.Requests);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task TestConnection_HostNameResolvingToAPrivateAddress_FailsItsFirstCheckNamingTheSetting(string type)
    {
        using var harness = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);
        harness.Network.Names[Name] = [IPAddress.Parse("10.20.30.40")];

        var result = await harness.Get(type).TestConnectionAsync(Config(type, Name), CancellationToken.None);

        var check = Assert.Single(result.Checks);
        Assert.False(check.Success);
        Assert.Contains($"ExportJobs:Network:Destinations:{type}:Allow", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10.20.30.40", check.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Network.Connections);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Deliver_RangeAllowedForItsTypeOnly_DeliversAndAnotherTypeIsStillRefused(string type)
    {
        var other = type == "webhook" ? "s3" : "webhook";
        using var harness = new DestinationHarness(configuration: new Dictionary<string, string?> { [$"ExportJobs:Network:Destinations:{type}:Allow:0"] = "127.0.0.0/8" });
        harness.Network.Names[Name] = [IPAddress.Loopback];
        using var file = await ExportFile.CreateAsync(10_000);

        await harness.DeliverAsync(file, type, Config(type, HostFor(type)));
        var refused = await Assert.ThrowsAsync<ExportDeliveryException>(() => harness.DeliverAsync(file, other, Config(other, HostFor(other))));

        Assert.Contains($"ExportJobs:Network:Destinations:{other}:Allow", refused.Message, StringComparison.Ordinal);
        Assert.All(harness.Network.Connections, a => Assert.True(IPAddress.IsLoopback(a)));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Deliver_HostNameAllowedForEveryType_Delivers(string type)
    {
        using var harness = new DestinationHarness(configuration: new Dictionary<string, string?>
        {
            ["ExportJobs:Network:Allow:0"] = Name,
            ["ExportJobs:Network:Allow:1"] = type == "azure-blob" ? "127.0.0.1" : "192.0.2.0/24",
        });
        harness.Network.Names[Name] = [IPAddress.Loopback];
        using var file = await ExportFile.CreateAsync(10_000);

        var result = await harness.DeliverAsync(file, type, Config(type, HostFor(type)));

        Assert.False(string.IsNullOrEmpty(result.DestinationPath));
        Assert.Empty(harness.Network.NonLoopbackConnections);
    }

    [Fact]
    public async Task Deliver_LoopbackWithoutAnyAllowlist_IsRefusedForEveryType()
    {
        using var harness = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);
        using var file = await ExportFile.CreateAsync(10_000);

        foreach (var type in Types)
        {
            var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => harness.DeliverAsync(file, type, Config(type, "127.0.0.1")));
            Assert.Contains("ExportJobs:Network", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_receiver.Requests);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return _receiver.DisposeAsync().AsTask();
    }

    private static string EndpointSetting(string type) => type switch
    {
        "s3" => "serviceUrl",
        "azure-blob" => "accountUrl",
        "sftp" => "host",
        _ => "url",
    };

    /// <summary>Azurite reads the account from the host name unless it is an IP address, so azure-blob jobs use the literal.</summary>
    private static string HostFor(string type) => type == "azure-blob" ? "127.0.0.1" : Name;

    /// <summary>A job's settings for the test server of <paramref name="type"/>, reached through <paramref name="host"/>.</summary>
    private JsonObject Config(string type, string host)
    {
        switch (type)
        {
            case "s3":
                var s3Config = s3.DestinationConfig(_bucket);
                s3Config["serviceUrl"] = $"http://{host}:{s3.Port}";
                return s3Config;
            case "azure-blob":
                return new JsonObject
                {
                    ["container"] = _container,
                    ["accountUrl"] = $"http://{host}:{azurite.Port}/{AzuriteServer.AccountName}",
                    ["sasToken"] = AzuriteSas(),
                };
            case "sftp":
                var sftpConfig = sshd.DestinationConfig(_folder);
                sftpConfig["host"] = host;
                return sftpConfig;
            default:
                return new JsonObject { ["url"] = $"http://{host}:{_receiver.Port}/hooks/products" };
        }
    }

    private string AzuriteSas()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, _container);
        var sas = container.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1));
        return sas.Query.TrimStart('?');
    }
}
