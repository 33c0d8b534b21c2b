namespace ExportJobs.Extensibility;

/// <summary>
/// Thrown by a format writer when the data does not fit the format (a value too long for a cell, more rows than a sheet
/// holds, a value that is not of its column's type). The run fails with the message as it is, so say which record and
/// column, what the limit is and what to do.
/// </summary>
public sealed class ExportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What does not fit, where, and what to do; never a secret.</param>
    public ExportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExportFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What does not fit, where, and what to do; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public ExportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
