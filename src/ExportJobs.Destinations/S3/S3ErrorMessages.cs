using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using ExportJobs.Network;

namespace ExportJobs.Destinations.S3;

/// <summary>Turns S3 failures into messages a job's owner can act on (never containing a secret).</summary>
internal static class S3ErrorMessages
{
    public static string Describe(Exception exception, S3DestinationSettings settings)
    {
        var where = settings.ServiceUrl is null ? "S3" : $"the S3 service at {settings.ServiceUrl.GetLeftPart(UriPartial.Authority)}";
        if (OutboundConnectionRefusedException.Find(exception) is { } refused)
        {
            return refused.Message;
        }

        return exception switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                $"The bucket '{settings.Bucket}' does not exist at {where}. Create it or correct 'bucket'.",
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" } =>
                $"{where} rejected the credentials ({((AmazonS3Exception)exception).ErrorCode}). Check 'accessKeyId' and 'secretAccessKey'.",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } =>
                $"{where} denied access to bucket '{settings.Bucket}' (403 {((AmazonS3Exception)exception).ErrorCode}). Check the credentials and the bucket policy.",
            AmazonS3Exception s3 =>
                $"{where} answered {(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}",
            _ when Unreachable(exception) =>
                $"Could not connect to {where}. Check 'serviceUrl'/'region' and that the service is running.",
            HttpRequestException or IOException =>
                $"The connection to {where} failed: {exception.Message}",
            AmazonClientException =>
                $"The S3 client failed: {exception.Message}",
            _ => $"Uploading to {where} failed: {exception.Message}",
        };
    }

    public static bool IsS3Failure(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException;

    private static bool Unreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException || (e is HttpRequestException http && http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError))
            {
                return true;
            }
        }

        return false;
    }
}
