using System.Text.Json.Nodes;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>A delivery whose spool file fails to read once more than <c>failAfterBytes</c> were read from it in total (a source failing mid-upload).</summary>
public static class FailingDelivery
{
    public static ExportDelivery Create(ExportFile file, string type, JsonObject config, long failAfterBytes, Action? failed = null)
    {
        var template = DestinationHarness.Delivery(file, type, config);
        long read = 0;
        return new ExportDelivery(file.Path)
        {
            Job = template.Job,
            RunId = template.RunId,
            IdempotencyKey = template.IdempotencyKey,
            FileName = template.FileName,
            ContentType = template.ContentType,
            Length = template.Length,
            Sha256 = template.Sha256,
            BytesRead = count =>
            {
                if (Interlocked.Add(ref read, count) > failAfterBytes)
                {
                    failed?.Invoke();
                    throw new IOException("The source failed mid-upload (test).");
                }
            },
        };
    }
}
