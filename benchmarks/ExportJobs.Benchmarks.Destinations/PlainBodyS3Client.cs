using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;

namespace ExportJobs.Benchmarks.Destinations;

/// <summary>
/// An <see cref="AmazonS3Client"/> that sends object and part bodies plain instead of aws-chunked, which s3rver would
/// store framing and all. It is the client's one difference from the SDK's defaults, the same one the <c>s3</c>
/// destination is given for s3rver (<c>useChunkEncoding: false</c>); TransferUtility itself runs with its defaults
/// (it has no such option of its own).
/// </summary>
internal sealed class PlainBodyS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<Marshaller>(new PlainBodies());
    }

    private sealed class PlainBodies : PipelineHandler
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

        private static void Apply(IExecutionContext context)
        {
            switch (context.RequestContext.OriginalRequest)
            {
                case PutObjectRequest put:
                    put.UseChunkEncoding = false;
                    break;
                case UploadPartRequest part:
                    part.UseChunkEncoding = false;
                    break;
            }
        }
    }
}
