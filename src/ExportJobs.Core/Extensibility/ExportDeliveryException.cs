namespace ExportJobs.Extensibility;

/// <summary>A delivery failed for a reason the job's owner can act on (wrong credentials, missing bucket, ...).</summary>
/// <remarks>The message goes into the run's <c>error</c>; it must not contain a secret.</remarks>
public class ExportDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public ExportDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ExportDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
