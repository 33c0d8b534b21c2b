using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Common;

/// <summary>Finds the export's own failure in what an SDK threw while it read a streamed file.</summary>
internal static class StreamFailure
{
    /// <summary>The <see cref="ExportStreamAbortedException"/> in <paramref name="exception"/> or its inner exceptions, else <see langword="null"/>.</summary>
    public static ExportStreamAbortedException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ExportStreamAbortedException aborted)
            {
                return aborted;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Find).FirstOrDefault(a => a is not null);
            }
        }

        return null;
    }
}
