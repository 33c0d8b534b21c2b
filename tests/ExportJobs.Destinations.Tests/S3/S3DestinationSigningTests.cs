using System.Security.Cryptography;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Destinations.S3;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// The destination's client signs an unchunked body with the SHA-256 the upload already carries
/// (<see cref="S3SignedPayloadClient"/>): the SDK reads each body once to send it instead of once more to hash it.
/// Guards an SDK internal (the request's precomputed payload hash): an SDK update that drops it fails here.
/// </summary>
[Collection(DestinationServers.Name)]
public sealed class S3DestinationSigningTests(S3rverServer server) : IAsyncLifetime, IDisposable
{
    private const int Size = 6 * 1024 * 1024;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(Size);
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private readonly SocketsHttpHandler _handler = new();
    private Amazon.S3.AmazonS3Client _client = null!;
    private string _md5 = null!;

    public async Task InitializeAsync()
    {
        _md5 = (await ContentDigest.ComputeAsync(new MemoryStream(_content), CancellationToken.None)).Md5Base64;
        _client = S3ClientFactory.Create(Settings(), new S3HttpClientFactory(_handler));
        await _client.PutBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [Fact]
    public async Task PutObject_WithItsSha256_IsReadOnce_WithoutIt_TheSignerReadsItTwice()
    {
        var withHash = await PutCountingAsync("with-hash", Convert.ToBase64String(SHA256.HashData(_content)));
        var withoutHash = await PutCountingAsync("without-hash", sha256: null);

        Assert.Equal(Size, withHash.BytesRead);
        Assert.Equal(2L * Size, withoutHash.BytesRead);      // the control: the counter sees the signer's pass
        Assert.Equal(SHA256.HashData(_content), await StoredSha256Async("with-hash"));
        Assert.Equal(SHA256.HashData(_content), await StoredSha256Async("without-hash"));
    }

    [Fact]
    public async Task UploadPart_WithItsSha256_IsReadOnce_AndTheObjectIsIntact()
    {
        var start = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = "parts", ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.SHA256 });
        var body = new CountingStream(_content);
        var part = await _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = "parts",
            UploadId = start.UploadId,
            PartNumber = 1,
            InputStream = body,
            PartSize = Size,
            IsLastPart = true,
            UseChunkEncoding = false,
            MD5Digest = _md5,
            ChecksumSHA256 = Convert.ToBase64String(SHA256.HashData(_content)),
        });
        var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = "parts", UploadId = start.UploadId };
        complete.AddPartETags([new PartETag(1, part.ETag)]);
        await _client.CompleteMultipartUploadAsync(complete);

        Assert.Equal(Size, body.BytesRead);
        Assert.Equal(SHA256.HashData(_content), await StoredSha256Async("parts"));
    }

    [Fact]
    public void UnsignedPayload_OnlyOverHttps_OverHttpThePayloadIsSigned()
    {
        Assert.True(new S3DestinationSettings { Bucket = "b" }.UnsignedPayload);                                          // AWS
        Assert.True(new S3DestinationSettings { Bucket = "b", ServiceUrl = new Uri("https://s3.example.test") }.UnsignedPayload);
        Assert.False(new S3DestinationSettings { Bucket = "b", ServiceUrl = new Uri("http://127.0.0.1:9000") }.UnsignedPayload);
    }

    /// <summary>Puts the content unchunked under <paramref name="key"/>, with its MD5 and the given SHA-256 (or none); answers the counted body.</summary>
    private async Task<CountingStream> PutCountingAsync(string key, string? sha256)
    {
        var body = new CountingStream(_content);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            MD5Digest = _md5,
            ChecksumSHA256 = sha256,
        });
        return body;
    }

    private async Task<byte[]> StoredSha256Async(string key)
    {
        using var stored = await _client.GetObjectAsync(_bucket, key);
        return await SHA256.HashDataAsync(stored.ResponseStream);
    }

    private S3DestinationSettings Settings() => new()
    {
        Bucket = _bucket,
        ServiceUrl = server.ServiceUrl,
        ForcePathStyle = true,
        AccessKeyId = S3rverServer.AccessKeyId,
        SecretAccessKey = S3rverServer.SecretAccessKey,
        UseChunkEncoding = false,
    };

    /// <summary>A seekable body (not a MemoryStream, which the SDK may treat as a buffer) that counts every byte read from it, however often it is rewound.</summary>
    private sealed class CountingStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content, writable: false);
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Counted(_inner.Read(buffer));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            Interlocked.Add(ref _read, read);
            return read;
        }
    }
}
