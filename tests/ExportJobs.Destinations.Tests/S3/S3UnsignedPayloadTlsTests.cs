using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ExportJobs.Destinations.Common;
using ExportJobs.Destinations.S3;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.S3;

/// <summary>
/// Over https (AWS, or an https <c>serviceUrl</c>) s3 sends unsigned payloads: every PUT says
/// <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c> (the SDK neither hashes nor chunk-signs the body), carries its signed
/// <c>Content-MD5</c> and <c>x-amz-checksum-sha256</c>, and the stored object is the file, with and without
/// <c>useChunkEncoding</c>. Against s3rver over TLS with a self-signed certificate for 127.0.0.1 that only this test's
/// client trusts.
/// </summary>
public sealed class S3UnsignedPayloadTlsTests : IAsyncLifetime, IDisposable
{
    private const int PartSize = 5 * 1024 * 1024;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes((2 * PartSize) + 300_000);
    private readonly string _folder = Directory.CreateTempSubdirectory("exportjobs-s3tls-").FullName;
    private readonly string _bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
    private readonly X509Certificate2 _certificate;
    private readonly S3rverTlsServer _server;
    private readonly PutRecorder _wire;

    public S3UnsignedPayloadTlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_folder, "cert.pem"), _certificate.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(_folder, "export.csv"), _content);
        _server = new S3rverTlsServer(Path.Combine(_folder, "key.pem"), Path.Combine(_folder, "cert.pem"));
        var thumbprint = _certificate.GetCertHashString();
        _wire = new PutRecorder
        {
            InnerHandler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint },
            },
        };
    }

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    public void Dispose()
    {
        _wire.Dispose();
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OverHttps_PutAndParts_AreUnsigned_AndTheStoredObjectsAreTheFile(bool useChunkEncoding)
    {
        var settings = Settings(useChunkEncoding);
        Assert.True(settings.UnsignedPayload);
        using var client = S3ClientFactory.Create(settings, new S3HttpClientFactory(_wire));
        await client.PutBucketAsync(_bucket);
        var source = UploadSource.Of(Delivery());

        var whole = new S3Upload(client, settings with { PartSizeMb = 16 }, "whole.csv", source);
        await whole.PutAsync(CancellationToken.None);
        var parts = new S3Upload(client, settings, "parts.csv", source);
        var uploadId = await parts.InitiateAsync(CancellationToken.None);
        await parts.CompleteAsync(uploadId, await parts.UploadPartsAsync(uploadId, PartSize, CancellationToken.None), CancellationToken.None);

        var puts = _wire.Puts.ToArray();
        Assert.Equal(4, puts.Length);                                              // one PutObject, three parts
        Assert.All(puts, put => Assert.Equal("UNSIGNED-PAYLOAD", put.ContentSha256));
        Assert.All(puts, put => Assert.True(put.HasContentMd5 && put.HasChecksumSha256, "A PUT went without its Content-MD5 or x-amz-checksum-sha256."));
        Assert.Equal(_content.Length, puts[0].ContentLength);                    // a plain body, no aws-chunked framing
        Assert.Equal(_content.Length, puts.Skip(1).Sum(put => put.ContentLength));
        foreach (var key in new[] { "whole.csv", "parts.csv" })
        {
            using var stored = await client.GetObjectAsync(_bucket, key);
            Assert.Equal(SHA256.HashData(_content), await SHA256.HashDataAsync(stored.ResponseStream));
        }
    }

    private S3DestinationSettings Settings(bool useChunkEncoding) => new()
    {
        Bucket = _bucket,
        ServiceUrl = _server.ServiceUrl,
        ForcePathStyle = true,
        AccessKeyId = S3rverServer.AccessKeyId,
        SecretAccessKey = S3rverServer.SecretAccessKey,
        UseChunkEncoding = useChunkEncoding,
        PartSizeMb = PartSize / (1024 * 1024),
    };

    private ExportDelivery Delivery() => TestDeliveries.OfFile(Path.Combine(_folder, "export.csv"), _content, "s3", "export.csv");

    private sealed record Put(string? ContentSha256, long ContentLength, bool HasContentMd5, bool HasChecksumSha256);

    /// <summary>Records the signing-relevant headers of every PUT sent.</summary>
    private sealed class PutRecorder : DelegatingHandler
    {
        public List<Put> Puts { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains(".csv", StringComparison.Ordinal))
            {
                var sha256 = request.Headers.TryGetValues("x-amz-content-sha256", out var values) ? values.Single() : null;
                lock (Puts)
                {
                    Puts.Add(new Put(
                        sha256,
                        request.Content?.Headers.ContentLength ?? -1,
                        request.Content?.Headers.ContentMD5 is not null || request.Headers.Contains("Content-MD5"),
                        request.Headers.Contains("x-amz-checksum-sha256")));
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
