using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A folder destination that streams (contract v2), registered as <c>streaming</c>, with seams: <see cref="Started"/> when
/// <see cref="DeliverStreamingAsync"/> is called, <see cref="FirstBytes"/> once it read bytes of the growing file,
/// <see cref="FailAfterBytes"/> to fail mid-stream, and <see cref="Ended"/> with what ended the delivery.
/// </summary>
internal sealed class StreamingDestination : IExportDestination
{
    public const string Name = "streaming";

    public string Folder { get; set; } = Path.GetTempPath();

    /// <summary>What <see cref="SupportsStreaming"/> answers.</summary>
    public bool Streams { get; set; } = true;

    /// <summary>Fails the streamed delivery with an <see cref="ExportDeliveryException"/> once it read this many bytes.</summary>
    public long? FailAfterBytes { get; set; }

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstBytes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the exception that ended a streamed delivery (<see langword="null"/> when it published).</summary>
    public TaskCompletionSource<Exception?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int StreamedDeliveries;

    public int WholeDeliveries;

    /// <summary>Bytes read before the file was complete.</summary>
    public long ReadBeforeComplete;

    public IReadOnlyCollection<string> SecretSettings => ["password"];

    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    public bool SupportsStreaming(JsonObject config) => Streams;

    public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref StreamedDeliveries);
        Started.TrySetResult();
        var target = Path.Combine(Folder, delivery.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".partial";
        try
        {
            await using (var input = delivery.OpenRead())
            await using (var output = File.Create(temp))
            {
                var buffer = new byte[16 * 1024];
                long read = 0;
                int n;
                while ((n = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (!delivery.IsComplete)
                    {
                        ReadBeforeComplete += n;
                    }

                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    read += n;
                    FirstBytes.TrySetResult();
                    if (read >= FailAfterBytes)
                    {
                        throw new ExportDeliveryException("The streaming test server refused the upload (test failure).");
                    }
                }
            }

            var summary = await delivery.WaitForCompletionAsync(cancellationToken);
            if (new FileInfo(temp).Length != summary.Length)
            {
                throw new ExportDeliveryException("Stored length differs.");
            }

            await delivery.BeforePublishAsync(cancellationToken);
            File.Move(temp, target, overwrite: true);
            Ended.TrySetResult(null);
            return new DeliveryResult(target);
        }
        catch (Exception ex)
        {
            File.Delete(temp);
            Ended.TrySetResult(ex);
            throw;
        }
    }

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref WholeDeliveries);
        var target = Path.Combine(Folder, delivery.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var input = delivery.OpenRead())
        await using (var output = File.Create(target))
        {
            await input.CopyToAsync(output, cancellationToken);
        }

        return new DeliveryResult(target);
    }
}
