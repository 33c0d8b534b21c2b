using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ExportJobs.Destinations.S3;

/// <summary>Creates an <see cref="AmazonS3Client"/> for one job's settings.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3DestinationSettings settings, HttpClientFactory http)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromMinutes(5),
            HttpClientFactory = http,

            // Uploads carry their own x-amz-checksum-sha256 and Content-MD5 headers (S3Destination), no SDK trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is not null)
        {
            config.ServiceURL = settings.ServiceUrl.ToString();
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (settings.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        if (!settings.UseChunkEncoding)
        {
            // Stores that mishandle aws-chunked bodies usually mishandle response checksums too.
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        if (settings.AccessKeyId is null || settings.SecretAccessKey is null)
        {
            return new S3SignedPayloadClient(config);
        }

        AWSCredentials credentials = settings.SessionToken is null
            ? new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey)
            : new SessionAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey, settings.SessionToken);
        return new S3SignedPayloadClient(credentials, config);
    }
}
