using System.Security.Cryptography;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// s3rver checks neither x-amz-content-sha256 nor x-amz-checksum-sha256 against the body, so these tests check
/// on the wire (a handler in front of the socket) that the payload hash signed is the SHA-256 of the bytes sent, for
/// windows of the export file (<see cref="ExportDeliveryContext.OpenWindow"/>), also after an attempt that dropped mid-body.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class S3SignedPayloadWireTests(S3rverServer server) : IAsyncLifetime, IDisposable
{
    private const int Size = 6 * 1024 * 1024;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(Size + 100_000);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exportjobs-wire-{Guid.NewGuid():N}");
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private readonly WireHandler _wire = new() { InnerHandler = new SocketsHttpHandler() };
    private Amazon.S3.AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(_path, _content);
        _client = S3ClientFactory.Create(Settings(chunked: false), new S3HttpClientFactory(_wire));
        await _client.PutBucketAsync(_bucket);
        _wire.Sent.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client.Dispose();
        _wire.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public async Task PutObject_OfAWindow_DroppedMidBody_RetrySignsTheBytesItSends()
    {
        await using var window = Delivery().OpenWindow(0, Size);
        var digest = await ContentDigest.ComputeAsync(window, CancellationToken.None);
        _wire.DropFirstPutAfter = 1024 * 1024;

        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = "put",
            InputStream = window,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            MD5Digest = digest.Md5Base64,
            ChecksumSHA256 = digest.Sha256Base64,
        });

        Assert.True(_wire.Dropped, "the first attempt was not dropped");
        var sent = Assert.Single(_wire.Sent);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_content.AsSpan(0, Size))), sent.Actual);
        Assert.Equal(sent.Actual, sent.Signed);
        Assert.Equal(SHA256.HashData(_content.AsSpan(0, Size)), await StoredSha256Async("put"));
    }

    [Fact]
    public async Task UploadPart_OfAWindowAtAnOffset_DroppedMidBody_RetrySignsTheBytesItSends()
    {
        const int Offset = 100_000;
        var start = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = "parts", ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.SHA256 });
        await using var window = Delivery().OpenWindow(Offset, Size);
        var digest = await ContentDigest.ComputeAsync(window, CancellationToken.None);
        _wire.DropFirstPutAfter = 2 * 1024 * 1024;

        var part = await _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = "parts",
            UploadId = start.UploadId,
            PartNumber = 1,
            InputStream = window,
            PartSize = window.Length,
            IsLastPart = true,
            UseChunkEncoding = false,
            MD5Digest = digest.Md5Base64,
            ChecksumSHA256 = digest.Sha256Base64,
        });
        var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = "parts", UploadId = start.UploadId };
        complete.AddPartETags([new PartETag(1, part.ETag)]);
        await _client.CompleteMultipartUploadAsync(complete);

        Assert.True(_wire.Dropped, "the first attempt was not dropped");
        var sent = _wire.Sent.Single(s => s.Method == HttpMethod.Put && s.Length == Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_content.AsSpan(Offset, Size))), sent.Actual);
        Assert.Equal(sent.Actual, sent.Signed);
        Assert.Equal(SHA256.HashData(_content.AsSpan(Offset, Size)), await StoredSha256Async("parts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PutObject_OfAnEmptyWindow_SignsTheEmptyBody(bool chunked)
    {
        using var client = S3ClientFactory.Create(Settings(chunked), new S3HttpClientFactory(_wire));
        await using var window = Delivery().OpenWindow(_content.Length, 0);
        var digest = await ContentDigest.ComputeAsync(window, CancellationToken.None);

        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = "empty",
            InputStream = window,
            AutoCloseStream = false,
            UseChunkEncoding = chunked,
            MD5Digest = digest.Md5Base64,
            ChecksumSHA256 = digest.Sha256Base64,
        });

        var sent = Assert.Single(_wire.Sent);
        Assert.Equal(0, sent.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), sent.Signed);
    }

    private async Task<byte[]> StoredSha256Async(string key)
    {
        using var stored = await _client.GetObjectAsync(_bucket, key);
        return await SHA256.HashDataAsync(stored.ResponseStream);
    }

    private ExportDelivery Delivery() => TestDeliveries.OfFile(_path, _content, "s3");

    private S3DestinationSettings Settings(bool chunked) => new()
    {
        Bucket = _bucket,
        ServiceUrl = server.ServiceUrl,
        ForcePathStyle = true,
        AccessKeyId = S3rverServer.AccessKeyId,
        SecretAccessKey = S3rverServer.SecretAccessKey,
        UseChunkEncoding = chunked,
    };

    private sealed record Sent(HttpMethod Method, long Length, string? Signed, string Actual);

    /// <summary>Records, for every request with a body, the payload hash it was signed with and the SHA-256 of the body; can drop the first PUT after some bytes (as a reset connection would).</summary>
    private sealed class WireHandler : DelegatingHandler
    {
        public int? DropFirstPutAfter { get; set; }

        public bool Dropped { get; private set; }

        public List<Sent> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is null || request.Method != HttpMethod.Put)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (DropFirstPutAfter is { } after && !Dropped)
            {
                Dropped = true;
                var partial = await request.Content.ReadAsStreamAsync(cancellationToken);
                await partial.ReadExactlyAsync(new byte[after], cancellationToken);
                throw new HttpRequestException("connection reset (test)", new IOException("connection reset (test)"));
            }

            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var signed = request.Headers.TryGetValues("x-amz-content-sha256", out var values) ? values.Single() : null;
            lock (Sent)
            {
                Sent.Add(new Sent(request.Method, body.Length, signed, Convert.ToHexStringLower(SHA256.HashData(body))));
            }

            var copy = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = copy;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
