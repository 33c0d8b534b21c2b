using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;

namespace ExportJobs.Destinations.S3;

/// <summary>
/// The destination's S3 client: gives SigV4 the SHA-256 each upload already carries (<c>ChecksumSHA256</c>, computed
/// as the part was prepared) for its <c>x-amz-content-sha256</c>, so that a signed, unchunked body
/// (<c>useChunkEncoding: false</c>) is not hashed a second time by the signer: one pass fewer over every byte sent.
/// </summary>
/// <remarks>
/// The SDK wipes a caller's <c>x-amz-content-sha256</c> header before it signs; the value it keeps is the request's
/// precomputed payload hash, set here by a pipeline step right before the signer (inside the retry loop, so a retry
/// re-signs with the same value over the same, rewound bytes). A store that receives other bytes than were hashed
/// refuses the request (AWS S3: <c>XAmzContentSHA256Mismatch</c>), as it refuses a wrong <c>x-amz-checksum-sha256</c>.
/// Chunked bodies are signed chunk by chunk and are left to the SDK. S3DestinationSigningTests guards the single pass.
/// </remarks>
internal sealed class S3SignedPayloadClient : AmazonS3Client
{
    public S3SignedPayloadClient(AmazonS3Config config)
        : base(config)
    {
    }

    public S3SignedPayloadClient(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<Signer>(new PrecomputedPayloadHash());
    }

    private sealed class PrecomputedPayloadHash : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            Apply(executionContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Apply(executionContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Apply(IExecutionContext executionContext)
        {
            var request = executionContext.RequestContext.Request;
            if (request.UseChunkEncoding || request.TrailingHeaders?.Count > 0)
            {
                return;
            }

            var sha256 = executionContext.RequestContext.OriginalRequest switch
            {
                UploadPartRequest part => part.ChecksumSHA256,
                PutObjectRequest put => put.ChecksumSHA256,
                _ => null,
            };
            if (!string.IsNullOrEmpty(sha256))
            {
                request.PrecomputedContentSha256 = Convert.ToHexStringLower(Convert.FromBase64String(sha256));
            }
        }
    }
}
