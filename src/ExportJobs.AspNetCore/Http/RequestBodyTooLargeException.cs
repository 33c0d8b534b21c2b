namespace ExportJobs.AspNetCore.Http;

/// <summary>Thrown by <see cref="LimitedReadStream"/> when a body exceeds the API's limit.</summary>
internal sealed class RequestBodyTooLargeException : IOException
{
    public RequestBodyTooLargeException()
        : base("The request body exceeds the allowed size.")
    {
    }
}
