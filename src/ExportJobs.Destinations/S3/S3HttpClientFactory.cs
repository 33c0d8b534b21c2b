using Amazon.Runtime;

namespace ExportJobs.Destinations.S3;

/// <summary>Gives the AWS SDK HTTP clients over the s3 destination's handler, whose connections go through the address policy.</summary>
internal sealed class S3HttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(handler, disposeHandler: false) { Timeout = clientConfig?.Timeout ?? TimeSpan.FromMinutes(5) };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
