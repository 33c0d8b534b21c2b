using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>What an s3 delivery published is what was exported, or the run fails and nothing is left.</summary>
[Collection(DestinationServers.Name)]
public sealed class S3DeliveryVerificationTests(S3rverServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
    }

    [Theory]
    [InlineData(791_730, null)]
    [InlineData(12L * 1024 * 1024, 5)]
    public async Task Deliver_S3CompatibleStoreWithDefaultSettings_StoresExactlyTheFile(long size, int? partSizeMb)
    {
        // The hostile run's repro: no 'useChunkEncoding' against s3rver stored the aws-chunked framing inside the object.
        using var file = await ExportFile.CreateAsync(size);
        var config = Config(partSizeMb);
        config.Remove("useChunkEncoding");

        await _harness.DeliverAsync(file, "s3", config);

        using var stored = await _client.GetObjectAsync(_bucket, "products.csv");
        Assert.Equal(file.Length, stored.ContentLength);
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(stored.ResponseStream));
    }

    [Theory]
    [InlineData(300_000, null)]
    [InlineData(11L * 1024 * 1024, 5)]
    public async Task Deliver_ChunkEncodingForcedOnAStoreThatKeepsTheFraming_FailsNamingTheSettingAndLeavesNoObject(long size, int? partSizeMb)
    {
        using var file = await ExportFile.CreateAsync(size);
        var config = Config(partSizeMb);
        config["useChunkEncoding"] = true;

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.Contains("arrived changed", error.Message, StringComparison.Ordinal);
        Assert.Contains("'useChunkEncoding' to false", error.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Theory]
    [InlineData(CorruptionMode.FlipByte, true, null)]
    [InlineData(CorruptionMode.FlipByte, false, null)]
    [InlineData(CorruptionMode.AppendBytes, true, null)]
    [InlineData(CorruptionMode.AppendBytes, false, null)]
    [InlineData(CorruptionMode.FlipByte, true, 5)]
    [InlineData(CorruptionMode.AppendBytes, true, 5)]
    public async Task Deliver_BodyChangedInTransit_FailsAndLeavesNoObject(CorruptionMode mode, bool dropIntegrityHeaders, int? partSizeMb)
    {
        using var file = await ExportFile.CreateAsync(partSizeMb is null ? 200_000 : 11L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(mode, dropIntegrityHeaders));
        var config = Config(partSizeMb);
        config["serviceUrl"] = $"http://127.0.0.1:{proxy.Port}";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.True(proxy.CorruptedRequests > 0, "The proxy changed no request.");
        Assert.DoesNotContain(S3rverServer.SecretAccessKey + "x", error.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Deliver_BodyChangedInTransitWithoutIntegrityHeaders_IsCaughtByTheETagCheck()
    {
        using var file = await ExportFile.CreateAsync(200_000);
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(CorruptionMode.FlipByte, dropIntegrityHeaders: true));
        var config = Config();
        config["serviceUrl"] = $"http://127.0.0.1:{proxy.Port}";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "s3", config));

        Assert.Contains("arrived changed: the store computed MD5", error.Message, StringComparison.Ordinal);
        Assert.Contains("The object was removed.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task TestConnection_ProbeChangedInTransit_FailsTheWriteCheckAndLeavesNothing()
    {
        await using var proxy = new LoopbackProxy(server.Port, new CorruptHttpBodies(CorruptionMode.FlipByte, dropIntegrityHeaders: true));
        var config = Config();
        config["serviceUrl"] = $"http://127.0.0.1:{proxy.Port}";

        var result = await _harness.Get("s3").TestConnectionAsync(config, CancellationToken.None);

        Assert.False(result.Success);
        var write = Assert.Single(result.Checks, c => c.Name == "write");
        Assert.False(write.Success);
        Assert.Contains("differ", write.Message, StringComparison.Ordinal);
        Assert.True(proxy.CorruptedRequests > 0);
        Assert.Empty(await KeysAsync());
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config(int? partSizeMb = null)
    {
        var config = server.DestinationConfig(_bucket);
        if (partSizeMb is not null)
        {
            config["partSizeMb"] = partSizeMb;
        }

        return config;
    }

    private async Task<List<string>> KeysAsync() =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];
}
