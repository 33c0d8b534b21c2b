namespace ExportJobs.Network;

/// <summary>
/// A connection for a job was refused by <see cref="OutboundAddressPolicy"/>. The message names the host as the job
/// gave it and the setting that would allow it, never the address a name resolved to.
/// </summary>
/// <remarks>HTTP clients wrap it (an <see cref="HttpRequestException"/> from the connect callback); find it with <see cref="Find"/>. Never worth a retry.</remarks>
public sealed class OutboundConnectionRefusedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutboundConnectionRefusedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What was refused and which setting allows it.</param>
    public OutboundConnectionRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What was refused and which setting allows it.</param>
    /// <param name="innerException">The cause.</param>
    public OutboundConnectionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal behind <paramref name="exception"/> or one of its inner exceptions, if any.</summary>
    /// <param name="exception">An exception from a client library.</param>
    public static OutboundConnectionRefusedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundConnectionRefusedException refused)
            {
                return refused;
            }

            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find(inner) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }
}
