using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Testing;

/// <summary>
/// A destination with seams around its publish step, registered as <c>gated</c>: it reads the whole file, signals
/// <see cref="ReadyToPublish"/>, waits for <see cref="ReleasePublish"/> when <see cref="HoldBeforePublish"/> is set, checks
/// ownership (<see cref="ExportDeliveryContext.BeforePublishAsync"/>), "publishes" into <see cref="Published"/>, signals
/// <see cref="PublishedOnce"/>, and then waits for <see cref="ReleaseFinish"/> when <see cref="HoldAfterPublish"/> is set.
/// </summary>
public sealed class GatedDestination : IExportDestination
{
    /// <summary>The type name tests register it under.</summary>
    public const string TypeName = "gated";

    /// <summary>Published files by run id.</summary>
    public ConcurrentDictionary<string, byte[]> Published { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether deliveries wait for <see cref="ReleasePublish"/> before they check ownership and publish.</summary>
    public bool HoldBeforePublish { get; set; }

    /// <summary>Whether deliveries wait for <see cref="ReleaseFinish"/> after they published.</summary>
    public bool HoldAfterPublish { get; set; }

    /// <summary>Completes when a delivery has read the file and is about to publish.</summary>
    public TaskCompletionSource ReadyToPublish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a delivery has published.</summary>
    public TaskCompletionSource PublishedOnce { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Complete it to let a held delivery publish.</summary>
    public TaskCompletionSource ReleasePublish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Complete it to let a delivery that published return.</summary>
    public TaskCompletionSource ReleaseFinish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc/>
    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var source = delivery.OpenRead();
        using var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken);
        ReadyToPublish.TrySetResult();
        if (HoldBeforePublish)
        {
            await ReleasePublish.Task.WaitAsync(cancellationToken);
        }

        await delivery.BeforePublishAsync(cancellationToken);
        Published[delivery.RunId] = copy.ToArray();
        PublishedOnce.TrySetResult();
        if (HoldAfterPublish)
        {
            await ReleaseFinish.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        return new DeliveryResult($"gated://{delivery.FileName}");
    }
}
