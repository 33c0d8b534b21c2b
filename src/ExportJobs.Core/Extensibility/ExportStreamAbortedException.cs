namespace ExportJobs.Extensibility;

/// <summary>
/// Thrown by the streams and waits of an <see cref="ExportStreamingDelivery"/> when the export behind it failed or was
/// cancelled before the file was finished: the file will never be complete, so nothing of it may be published. Abort
/// the upload (delete the temporary file, abort the multipart upload, drop the staged blocks) and let it propagate.
/// </summary>
/// <remarks>
/// The run records why the export failed (the record source's or writer's error), not this exception: it only tells the
/// destination to stop.
/// </remarks>
public sealed class ExportStreamAbortedException : Exception
{
    /// <summary>The default message.</summary>
    internal const string DefaultMessage = "The export failed or was cancelled before the file was finished, so the streamed delivery was aborted and nothing may be published.";

    /// <summary>Creates the exception with the default message.</summary>
    public ExportStreamAbortedException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What happened.</param>
    public ExportStreamAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the export's failure.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">Why the export failed, when known.</param>
    public ExportStreamAbortedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
