using System.Net;
using ExportJobs.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.Core.Tests.Network;

public sealed class OutboundAddressPolicyTests
{
    private readonly FakeNetwork _network = new();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.10")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::127.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("100::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:2::1")]
    [InlineData("3fff::1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::c0a8:101")]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("2002:a9fe:a9fe::1")]
    public async Task ResolveAsync_NameOfANonGlobalAddress_IsRefusedNamingTheSettingButNotTheAddress(string address)
    {
        _network.Names["files.example.test"] = [IPAddress.Parse(address)];

        var error = await Assert.ThrowsAsync<OutboundConnectionRefusedException>(() => Policy().ResolveAsync("s3", "files.example.test", CancellationToken.None).AsTask());

        Assert.Contains("ExportJobs:Network:Destinations:s3:Allow", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExportJobs:Network:Allow", error.Message, StringComparison.Ordinal);
        Assert.Contains("'files.example.test'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(address, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_network.Connections);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.0.2.1")]
    [InlineData("198.18.5.5")]
    [InlineData("240.1.1.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("[2001:db8::5]")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("localhost")]
    [InlineData("printer.localhost")]
    public void CheckHost_RefusedLiteral_GivesAMessageNamingTheJobSettingAndTheHostSetting(string host)
    {
        var message = Policy().CheckHost("webhook", host, "url");

        Assert.NotNull(message);
        Assert.StartsWith("'url' points at", message, StringComparison.Ordinal);
        Assert.Contains("ExportJobs:Network:Destinations:webhook:Allow", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("192.0.1.1")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public async Task ResolveAsync_GlobalAddress_IsAllowed(string address)
    {
        _network.Names["files.example.test"] = [IPAddress.Parse(address)];

        var addresses = await Policy().ResolveAsync("s3", "files.example.test", CancellationToken.None);

        Assert.Equal([IPAddress.Parse(address)], addresses);
        Assert.Null(Policy().CheckHost("s3", address, "serviceUrl"));
    }

    [Fact]
    public async Task ResolveAsync_NameWithOnePublicAndOnePrivateAddress_IsRefusedWhole()
    {
        _network.Names["mixed.example.test"] = [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.5")];

        await Assert.ThrowsAsync<OutboundConnectionRefusedException>(() => Policy().ConnectAsync("webhook", "mixed.example.test", 443, CancellationToken.None).AsTask());

        Assert.Empty(_network.Connections);
    }

    [Fact]
    public async Task ResolveAsync_ThisMachinesOwnPublicAddress_IsRefused()
    {
        _network.LocalAddresses.Add(IPAddress.Parse("93.184.216.34"));
        _network.Names["myself.example.test"] = [IPAddress.Parse("93.184.216.34")];

        await Assert.ThrowsAsync<OutboundConnectionRefusedException>(() => Policy().ResolveAsync("webhook", "myself.example.test", CancellationToken.None).AsTask());
        Assert.NotNull(Policy().CheckHost("webhook", "93.184.216.34", "url"));
    }

    [Fact]
    public async Task Allow_ForEveryType_AllowsTheRangeForAllTypes()
    {
        _network.Names["minio.internal"] = [IPAddress.Parse("10.20.0.7")];
        var policy = Policy(("ExportJobs:Network:Allow:0", "10.20.0.0/16"));

        foreach (var type in new[] { "s3", "azure-blob", "sftp", "webhook" })
        {
            Assert.Single(await policy.ResolveAsync(type, "minio.internal", CancellationToken.None));
            Assert.Null(policy.CheckHost(type, "10.20.1.1", "host"));
            Assert.NotNull(policy.CheckHost(type, "10.21.0.1", "host"));
        }
    }

    [Fact]
    public async Task Allow_ForOneType_AllowsOnlyThatType()
    {
        _network.Names["hooks.internal"] = [IPAddress.Parse("192.168.4.4")];
        var policy = Policy(("ExportJobs:Network:Destinations:webhook:Allow:0", "hooks.internal"));

        await using var stream = await policy.ConnectAsync("webhook", "hooks.internal", 8080, CancellationToken.None);
        await Assert.ThrowsAsync<OutboundConnectionRefusedException>(() => policy.ResolveAsync("s3", "hooks.internal", CancellationToken.None).AsTask());

        Assert.Equal([IPAddress.Parse("192.168.4.4")], _network.Connections);
    }

    [Fact]
    public async Task Allow_HostNameEntry_AllowsThatNameOnlyNotOthersWithTheSameAddress()
    {
        _network.Names["sftp.internal"] = [IPAddress.Parse("10.0.0.9")];
        _network.Names["other.internal"] = [IPAddress.Parse("10.0.0.9")];
        var policy = Policy(("ExportJobs:Network:Allow:0", "SFTP.internal."));

        Assert.Single(await policy.ResolveAsync("sftp", "sftp.internal", CancellationToken.None));
        await Assert.ThrowsAsync<OutboundConnectionRefusedException>(() => policy.ResolveAsync("sftp", "other.internal", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Allow_IPv6Range_AllowsMappedAndPlainAddresses()
    {
        _network.Names["v6.internal"] = [IPAddress.Parse("fd00::5")];
        var policy = Policy(("ExportJobs:Network:Allow:0", "fd00::/8"), ("ExportJobs:Network:Allow:1", "127.0.0.1"));

        Assert.Single(await policy.ResolveAsync("s3", "v6.internal", CancellationToken.None));
        Assert.Null(policy.CheckHost("s3", "::ffff:127.0.0.1", "serviceUrl"));
        Assert.NotNull(policy.CheckHost("s3", "127.0.0.2", "serviceUrl"));
    }

    [Fact]
    public void Options_EnvironmentForm_BindsBothLists()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExportJobs__Network__Allow__0"] = "127.0.0.0/8",
            ["ExportJobs__Network__Destinations__webhook__Allow__0"] = "hooks.internal",
        }.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value)).Build();
        using var services = Services(configuration);

        var options = services.GetRequiredService<IOptions<ExportJobsNetworkOptions>>().Value;

        Assert.Equal(["127.0.0.0/8"], options.Allow);
        Assert.Equal(["hooks.internal"], options.Destinations["WEBHOOK"].Allow);
    }

    [Fact]
    public void Options_EnvironmentVariables_AreReadByTheEnvironmentProvider()
    {
        const string Variable = "ExportJobs__Network__Destinations__sftp__Allow__0";
        Environment.SetEnvironmentVariable(Variable, "10.9.0.0/16");
        try
        {
            using var services = Services(new ConfigurationBuilder().AddEnvironmentVariables().Build());

            Assert.Equal(["10.9.0.0/16"], services.GetRequiredService<IOptions<ExportJobsNetworkOptions>>().Value.Destinations["sftp"].Allow);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void Options_BadEntries_FailValidationNamingEveryKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExportJobs:Network:Allow:0"] = "10.0.0.0/33",
            ["ExportJobs:Network:Allow:1"] = "127.0.0.0/8",
            ["ExportJobs:Network:Destinations:s3:Allow:0"] = "http://minio:9000",
        }).Build();
        using var services = Services(configuration);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ExportJobsNetworkOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("ExportJobs:Network:Allow:0 '10.0.0.0/33'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("ExportJobs:Network:Destinations:s3:Allow:0 'http://minio:9000'", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigureNetwork_AddsToConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ExportJobs:Network:Allow:0"] = "10.0.0.0/8" }).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        collection.AddExportJobs().ConfigureNetwork(o => o.Allow.Add("192.168.0.0/16"));
        using var services = collection.BuildServiceProvider();

        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], services.GetRequiredService<IOptions<ExportJobsNetworkOptions>>().Value.Allow);
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var collection = new ServiceCollection().AddSingleton(configuration);
        collection.AddExportJobs();
        return collection.BuildServiceProvider();
    }

    private OutboundAddressPolicy Policy(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var options = new ExportJobsNetworkOptions();
        configuration.GetSection(ExportJobsNetworkOptions.SectionName).Bind(options);
        return new OutboundAddressPolicy(new StaticOptionsMonitor(options), _network, _network, _network);
    }

    private sealed class StaticOptionsMonitor(ExportJobsNetworkOptions value) : IOptionsMonitor<ExportJobsNetworkOptions>
    {
        public ExportJobsNetworkOptions CurrentValue => value;

        public ExportJobsNetworkOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ExportJobsNetworkOptions, string?> listener) => null;
    }
}
