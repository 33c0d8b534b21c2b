namespace ExportJobs.Profiles;

/// <summary>A job's columns do not fit the record source's columns of a run: the run fails with this message.</summary>
internal sealed class ExportProfileException : InvalidOperationException
{
    public ExportProfileException(string message)
        : base(message)
    {
    }

    public ExportProfileException()
    {
    }

    public ExportProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
