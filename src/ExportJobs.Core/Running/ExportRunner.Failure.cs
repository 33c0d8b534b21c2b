using ExportJobs.Secrets;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Running;

internal sealed partial class ExportRunner
{
    /// <summary>Says what went wrong and where, without any secret of the job's destination settings.</summary>
    private string Describe(ExportJob job, Exception exception, RunProgress progress, string? cancellationReason, bool onRequest = false)
    {
        var where = progress.Stage switch
        {
            ExportRunStage.Source => $"reading records from the record source ({progress.SourceName})",
            ExportRunStage.Columns => $"matching the job's columns to the record source's columns ({progress.SourceName})",
            ExportRunStage.Writer => $"writing the {job.Format} file{(job.Compress ? " (gzip)" : string.Empty)}",
            ExportRunStage.Delivery => progress.Part is { } part
                ? $"delivering '{progress.FileName}' ({part}) to the {job.DestinationType} destination"
                : $"delivering '{progress.FileName}' to the {job.DestinationType} destination",
            ExportRunStage.Recording => "recording the run in the store",
            _ => "preparing the run",
        };
        var after = progress.Stage is ExportRunStage.Source or ExportRunStage.Writer ? $" after {progress.Records} records" : string.Empty;
        var message = onRequest
            ? $"{cancellationReason} (while {where}{after})."
            : cancellationReason is not null
            ? $"Cancelled while {where}{after}: {cancellationReason}"
            : exception is ExportDeliveryException or Profiles.ExportProfileException or ExportFormatException
                ? $"Failed while {where}: {exception.Message}"
                : $"Failed while {where}{after}: {exception.GetType().Name}: {exception.Message}";
        if (progress.DeliveryNote is { } note)
        {
            message = message.TrimEnd() + note;
        }

        return secrets.Scrub(message, job);
    }
}
