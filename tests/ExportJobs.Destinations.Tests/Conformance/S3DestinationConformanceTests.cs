using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Conformance;

/// <summary>The destination kit against s3rver; the file spans three 5 MiB parts, so delivery is a multipart upload.</summary>
[Collection(DestinationServers.Name)]
public sealed class S3DestinationConformanceTests(S3rverServer server) : ExportDestinationConformanceTests
{
    private readonly DestinationHarness _harness = new();
    private readonly string _bucket = "kit-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _wrongSecret = "wrong-secret-" + Guid.NewGuid().ToString("N");
    private AmazonS3Client _client = null!;

    protected override string DestinationType => "s3";

    protected override bool Stages => true;

    protected override bool Streams => true;

    protected override IReadOnlyCollection<string> RequiredSettings => ["bucket"];

    protected override int FileSize => 11 * 1024 * 1024;

    protected override async Task<IExportDestination> CreateDestinationAsync()
    {
        _client = server.CreateClient();
        await _client.PutBucketAsync(_bucket);
        return _harness.Get("s3");
    }

    protected override Task DisposeDestinationAsync()
    {
        _harness.Logs.AssertContainsNone([S3rverServer.SecretAccessKey, _wrongSecret]);
        _harness.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    protected override JsonObject CreateConfig()
    {
        var config = server.DestinationConfig(_bucket, "exports");
        config["partSizeMb"] = 5;
        return config;
    }

    protected override JsonObject CreateFailingConfig()
    {
        // s3rver checks the access key id but not SigV4 signatures, so the id is wrong too.
        var config = CreateConfig();
        config["accessKeyId"] = "AKIAWRONGKEYID";
        config["secretAccessKey"] = _wrongSecret;
        return config;
    }

    // s3rver implements no ListMultipartUploads; the multipart abort itself is tested in S3DestinationTests.
    protected override async Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config) =>
        (await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects?.Select(o => o.Key).ToList() ?? [];

    protected override async Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result)
    {
        Assert.Equal($"s3://{_bucket}/exports/{fileName}", result.DestinationPath);
        using var stored = await _client.GetObjectAsync(_bucket, "exports/" + fileName);
        using var bytes = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }
}
