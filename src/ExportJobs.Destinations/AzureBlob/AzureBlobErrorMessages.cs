using System.Net.Sockets;
using Azure;
using ExportJobs.Network;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Turns Azure Blob failures into messages a job's owner can act on (never containing a secret).</summary>
internal static class AzureBlobErrorMessages
{
    public static string Describe(Exception exception, AzureBlobDestinationSettings settings, Uri endpoint)
    {
        var where = endpoint.GetLeftPart(UriPartial.Authority);
        if (OutboundConnectionRefusedException.Find(exception) is { } refused)
        {
            return refused.Message;
        }

        return exception switch
        {
            RequestFailedException { ErrorCode: "ContainerNotFound" } =>
                $"The container '{settings.Container}' does not exist at {where}. Create it or correct 'container'.",
            RequestFailedException { ErrorCode: "AuthenticationFailed" or "AuthorizationFailure" or "AuthorizationPermissionMismatch" or "InvalidAuthenticationInfo" } or RequestFailedException { Status: 401 or 403 } =>
                $"Azure Blob Storage at {where} rejected the credentials ({((RequestFailedException)exception).ErrorCode ?? ((RequestFailedException)exception).Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}). Check 'connectionString' or 'sasToken' and its permissions (create, write).",
            RequestFailedException { Status: 0 } or AggregateException when Unreachable(exception) =>
                $"Could not connect to Azure Blob Storage at {where}. Check the endpoint and that the service is running.",
            RequestFailedException failed =>
                $"Azure Blob Storage at {where} answered {failed.Status} {failed.ErrorCode}.",
            _ => $"Uploading to Azure Blob Storage at {where} failed: {exception.Message}",
        };
    }

    public static bool IsAzureFailure(Exception exception) =>
        exception is RequestFailedException or AggregateException or HttpRequestException or IOException;

    private static bool Unreachable(Exception exception)
    {
        if (exception is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.Any(Unreachable);
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
